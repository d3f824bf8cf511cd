// fyp-notices release page: draws the charts, the target table and the evidence view from the JSON
// embedded in the page. No library, no network. Text from the data only ever goes in via textContent.
(function () {
  'use strict';
  var DATA = JSON.parse(document.getElementById('fyp-data').textContent);
  var SVGNS = 'http://www.w3.org/2000/svg';
  var PERIOD_COLORS = { 11: '#8c6bb1', 12: '#2b8cbe', 13: '#41ab5d', 14: '#e6550d' };
  var DIRECTIONS = { decrease: '降低', increase: '提高', reach: '达到', cap: '控制在', complete: '完成' };
  var QUALIFIERS = { about: '左右', at_least: '以上', at_most: '以内', exact: '' };
  var CN_PERIOD = { 11: '十一五', 12: '十二五', 13: '十三五', 14: '十四五', 15: '十五五' };
  var PERIODS = DATA.periods || {};
  var MISSING_GLYPH = '\u3013';

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVGNS, tag);
    setAttrs(node, attrs);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function setAttrs(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
  }
  function tip(node, text) { node.appendChild(svg('title', null, text)); return node; }
  function fmt(v) {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return String(Math.round(v * 10000) / 10000);
    return String(v);
  }
  function periodName(p) { return (PERIODS[p] && PERIODS[p].zh) || CN_PERIOD[p] || String(p); }
  function periodEn(p) { return (PERIODS[p] && PERIODS[p].en) || ''; }
  function withEn(zh, en) { return en ? zh + ' ' + en : zh; }
  // a cell with the Chinese text and, where there is one, the English beside it in a muted span
  function biCell(tag, zh, en, attrs) {
    var node = el(tag, attrs, zh);
    if (en) { node.appendChild(document.createTextNode(' ')); node.appendChild(el('span', { 'class': 'en', lang: 'en' }, en)); }
    return node;
  }
  function niceMax(v) {
    if (!(v > 0)) return 1;
    var step = Math.pow(10, Math.floor(Math.log10(v)));
    var m = [1, 2, 2.5, 5, 10].map(function (k) { return k * step; }).filter(function (x) { return x >= v; })[0];
    return m;
  }
  function ticks(max) {
    var out = [], n = 5;
    for (var i = 0; i <= n; i++) out.push(max * i / n);
    return out;
  }
  function noData(box, text) {
    box.appendChild(el('p', { 'class': 'na' }, text || '暂无可比较的数据 / no comparable data in this release'));
  }
  function legend(periods, withNational) {
    var div = el('div', { 'class': 'legend' });
    periods.forEach(function (p) {
      div.appendChild(el('span', { 'class': 'p' + p }, DATA.charts.period_labels[p] || periodName(p)));
    });
    if (withNational) div.appendChild(el('span', { 'class': 'nat' }, '全国目标 national target'));
    return div;
  }
  function notPlotted(box, list, what) {
    if (!list || !list.length) return;
    var d = el('details', { 'class': 'note' });
    d.appendChild(el('summary', null, (what ? what + ': ' : '') + '未绘制的目标(非百分比降低) / not plotted, not a reduction in % (' + list.length + ')'));
    d.appendChild(el('p', null, list.join('; ')));
    box.appendChild(d);
  }

  // ---- energy intensity: one row per region (national first), one bar per plan period ----------
  function drawEnergy() {
    var box = document.getElementById('chart-energy');
    var s = DATA.charts.energy;
    var periods = DATA.charts.periods;
    var nat = s.national || {};
    var rows = [];
    var natValues = {};
    var names = s.regions_en || {};
    Object.keys(nat).forEach(function (p) { natValues[p] = nat[p]; });
    if (Object.keys(natValues).length) rows.push({ label: '全国 national', region: null, national: true, values: natValues, alloc: {} });
    s.regions.forEach(function (r) {
      var values = {}, alloc = {};
      s.points.forEach(function (pt) {
        if (pt.region !== r) return;
        values[pt.period] = pt.value;
        if (pt.allocation !== null && pt.allocation !== undefined) alloc[pt.period] = pt;
      });
      rows.push({ label: withEn(r, names[r]), region: r, national: false, values: values, alloc: alloc });
    });
    if (!s.points.length) { noData(box); notPlotted(box, s.not_plotted); return; }
    var maxV = 0;
    rows.forEach(function (row) { Object.keys(row.values).forEach(function (p) { maxV = Math.max(maxV, row.values[p]); }); });
    var xmax = niceMax(maxV);
    var W = 900, left = 190, right = 70, top = 24, barH = 13, gap = 12;
    var plotW = W - left - right;
    var y = top, layout = [];
    rows.forEach(function (row) {
      var ps = periods.filter(function (p) { return row.values[p] !== undefined; });
      layout.push({ row: row, y: y, ps: ps });
      y += Math.max(1, ps.length) * barH + gap;
    });
    var H = y + 10;
    var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, 'class': 'energy', 'aria-hidden': 'true' });
    var x = function (v) { return left + plotW * v / xmax; };
    var grid = svg('g', { 'class': 'grid' });
    ticks(xmax).forEach(function (t) {
      grid.appendChild(svg('line', { x1: x(t), x2: x(t), y1: top - 6, y2: H - 8 }));
      var label = svg('text', { x: x(t), y: top - 10, 'text-anchor': 'middle', 'class': 'tick small' }, fmt(t) + '%');
      grid.appendChild(label);
    });
    root.appendChild(grid);
    // national reference lines, one per period, across all rows
    Object.keys(natValues).forEach(function (p) {
      tip(root.appendChild(svg('line', {
        x1: x(natValues[p]), x2: x(natValues[p]), y1: top - 4, y2: H - 8, stroke: PERIOD_COLORS[p] || '#222',
        'stroke-width': 1.5, 'stroke-dasharray': '4 3', 'class': 'national-line', 'data-period': p
      })), '全国 ' + periodName(p) + ': ' + fmt(natValues[p]) + '%');
    });
    layout.forEach(function (item) {
      var rowH = Math.max(1, item.ps.length) * barH;
      root.appendChild(svg('text', {
        x: left - 8, y: item.y + rowH / 2 + 4, 'text-anchor': 'end', 'font-weight': item.row.national ? 700 : 400
      }, item.row.label));
      item.ps.forEach(function (p, i) {
        var v = item.row.values[p];
        var by = item.y + i * barH;
        var attrs = {
          x: left, y: by + 1, width: Math.max(1, x(v) - left), height: barH - 2, fill: PERIOD_COLORS[p] || '#777',
          'class': 'bar' + (item.row.national ? ' national' : ''), 'data-region': item.row.national ? item.row.label : item.row.region, 'data-period': p
        };
        if (item.row.national) { attrs.stroke = '#222'; attrs['stroke-width'] = 1.2; }
        var text = item.row.label + ' ' + (DATA.charts.period_labels[p] || periodName(p)) + ': 降低 ' + fmt(v) + '%';
        if (!item.row.national && natValues[p] !== undefined) text += '(全国 ' + fmt(natValues[p]) + '%)';
        tip(root.appendChild(svg('rect', attrs)), text);
        root.appendChild(svg('text', { x: x(v) + 4, y: by + barH - 3, 'class': 'small' }, fmt(v) + '%'));
        var a = item.row.alloc[p];
        if (a) {
          // what the State Council allocated to the province: a diamond on the region's bar
          var ax = x(a.allocation), ay = by + barH / 2;
          tip(root.appendChild(svg('path', {
            d: 'M' + ax + ' ' + (ay - 6) + ' L' + (ax + 5) + ' ' + ay + ' L' + ax + ' ' + (ay + 6) + ' L' + (ax - 5) + ' ' + ay + ' Z',
            'class': 'allocation-mark', 'data-region': item.row.region, 'data-period': p
          })), '国家下达' + (a.allocation_region || '') + ' allocated: ' + fmt(a.allocation) + '%');
        }
      });
    });
    box.appendChild(legend(periods, Object.keys(natValues).length > 0));
    box.appendChild(root);
    box.appendChild(el('p', { 'class': 'note' },
      '横条为各地区规划期末比基期降低的百分比;虚线为同期全国目标;菱形为国家下达本省的目标。 Bars: reduction in % by the end of the plan period; dashed lines: national target of the same period; diamonds: the target the State Council allocated to the province.'));
    notPlotted(box, s.not_plotted);
  }

  function panelTitle(s) {
    var code = s.code.toUpperCase();
    return s.label_zh && s.label_zh !== s.code ? s.label_zh + ' ' + code : code;
  }

  // ---- allocations: each region's headline beside its province's allocation and the national target ----
  function drawAllocation() {
    var box = document.getElementById('chart-allocation');
    var rows = (DATA.allocations || []).filter(function (a) {
      return a.comparable_to_allocation && a.unit === '%' && (a.direction === 'decrease' || a.direction === null);
    });
    if (!rows.length) { noData(box, '本版地区无可比较的国家下达目标 / no comparable allocation for the regions of this release'); return; }
    var maxV = 0;
    rows.forEach(function (a) { maxV = Math.max(maxV, a.value, a.allocation_value, a.national_value || 0); });
    var xmax = niceMax(maxV);
    var W = 900, left = 300, right = 70, top = 24, barH = 11, gap = 14;
    var plotW = W - left - right;
    var x = function (v) { return left + plotW * v / xmax; };
    var H = top + rows.length * (3 * barH + gap) + 10;
    var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, 'class': 'allocation', 'aria-hidden': 'true' });
    ticks(xmax).forEach(function (t) {
      root.appendChild(svg('line', { x1: x(t), x2: x(t), y1: top - 6, y2: H - 8, stroke: '#e3e7eb' }));
      root.appendChild(svg('text', { x: x(t), y: top - 10, 'text-anchor': 'middle', 'class': 'tick small' }, fmt(t) + '%'));
    });
    rows.forEach(function (a, i) {
      var y = top + i * (3 * barH + gap);
      var lab = labels[a.indicator] || {};
      root.appendChild(svg('text', { x: left - 8, y: y + barH + 2, 'text-anchor': 'end' }, withEn(a.region, a.region_en) + ' · ' + periodName(a.period)));
      root.appendChild(svg('text', { x: left - 8, y: y + 2 * barH + 4, 'text-anchor': 'end', 'class': 'small' }, withEn(lab.zh || a.indicator, lab.en)));
      var bars = [
        ['own', a.value, withEn(a.region, a.region_en) + ': ' + fmt(a.value) + '%', PERIOD_COLORS[a.period] || '#777'],
        ['allocation', a.allocation_value, '国家下达' + (a.allocation_region || '') + ' allocated: ' + fmt(a.allocation_value) + '%', '#9aa5b1'],
        ['national', a.national_value, '全国 national: ' + fmt(a.national_value) + '%', '#222']
      ];
      bars.forEach(function (b, j) {
        if (b[1] === null || b[1] === undefined) return;
        var by = y + j * barH;
        tip(root.appendChild(svg('rect', {
          x: left, y: by + 1, width: Math.max(1, x(b[1]) - left), height: barH - 2, fill: b[3],
          'class': 'bar ' + b[0], 'data-region': a.region, 'data-period': a.period
        })), b[2]);
        root.appendChild(svg('text', { x: x(b[1]) + 4, y: by + barH - 2, 'class': 'small' }, fmt(b[1]) + '%'));
      });
    });
    var lg = el('div', { 'class': 'legend' });
    lg.appendChild(el('span', { 'class': 'p12' }, '本地目标 own headline target'));
    lg.appendChild(el('span', { 'class': 'alloc' }, '国家下达本省 allocated to the province'));
    lg.appendChild(el('span', { 'class': 'nat' }, '全国目标 national target'));
    box.appendChild(lg);
    box.appendChild(root);
  }

  // ---- pollutants: one panel per pollutant, plan periods across, one point per region -----------
  function drawPollutants() {
    var box = document.getElementById('chart-pollutants');
    var series = DATA.charts.pollutants;
    var periods = DATA.charts.periods;
    var any = series.some(function (s) { return s.points.length || Object.keys(s.national || {}).length; });
    if (!any) { noData(box); return; }
    var maxV = 0;
    series.forEach(function (s) {
      s.points.forEach(function (p) { maxV = Math.max(maxV, p.value); });
      Object.keys(s.national || {}).forEach(function (p) { maxV = Math.max(maxV, s.national[p]); });
    });
    var ymax = niceMax(maxV);
    var panelW = 176, gapW = 14, left = 40, top = 34, plotH = 190, bottom = 36;
    var W = left + series.length * (panelW + gapW), H = top + plotH + bottom;
    var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, 'class': 'pollutants', 'aria-hidden': 'true' });
    var yOf = function (v) { return top + plotH - plotH * v / ymax; };
    ticks(ymax).forEach(function (t) {
      root.appendChild(svg('line', { x1: left - 4, x2: W - gapW, y1: yOf(t), y2: yOf(t), stroke: '#e3e7eb' }));
      root.appendChild(svg('text', { x: left - 6, y: yOf(t) + 4, 'text-anchor': 'end', 'class': 'tick small' }, fmt(t) + '%'));
    });
    series.forEach(function (s, si) {
      var x0 = left + si * (panelW + gapW);
      var band = panelW / periods.length;
      var g = svg('g', { 'class': 'panel', 'data-indicator': s.code });
      g.appendChild(svg('rect', { x: x0, y: top, width: panelW, height: plotH, fill: 'none', stroke: '#c9d0d6' }));
      g.appendChild(svg('text', { x: x0 + panelW / 2, y: top - 10, 'text-anchor': 'middle', 'font-weight': 600 }, panelTitle(s)));
      periods.forEach(function (p, pi) {
        var cx = x0 + band * pi + band / 2;
        g.appendChild(svg('text', { x: cx, y: top + plotH + 16, 'text-anchor': 'middle', 'class': 'small' }, periodName(p)));
        var pts = s.points.filter(function (pt) { return pt.period === p; });
        pts.forEach(function (pt, i) {
          // deterministic spread so equal values stay visible
          var dx = pts.length > 1 ? (i / (pts.length - 1) - 0.5) * band * 0.6 : 0;
          tip(g.appendChild(svg('circle', {
            cx: cx + dx, cy: yOf(pt.value), r: 4.5, fill: PERIOD_COLORS[p] || '#777', 'fill-opacity': 0.75,
            'class': 'point', 'data-region': pt.region, 'data-period': p
          })), pt.region + ' ' + periodName(p) + ' ' + s.label_zh + ': 降低 ' + fmt(pt.value) + '%');
        });
        var nv = (s.national || {})[p];
        if (nv !== undefined) {
          tip(g.appendChild(svg('rect', {
            x: cx - band * 0.42, y: yOf(nv) - 1.5, width: band * 0.84, height: 3, fill: '#222', 'class': 'national'
          })), '全国 ' + periodName(p) + ' ' + s.label_zh + ': 降低 ' + fmt(nv) + '%');
        }
        if (pts.length) {
          g.appendChild(svg('text', { x: cx, y: top + plotH + 30, 'text-anchor': 'middle', 'class': 'small' }, 'n=' + pts.length));
        }
      });
      root.appendChild(g);
    });
    box.appendChild(legend(periods, true));
    box.appendChild(root);
    box.appendChild(el('p', { 'class': 'note' },
      '圆点为各地区规划期减排目标(%);黑色短横线为同期全国目标。 Points: each region\'s reduction target (%); black dashes: national target.'));
    series.forEach(function (s) {
      notPlotted(box, s.not_plotted, panelTitle(s));
    });
  }

  // ---- the target table --------------------------------------------------------------------------
  var labels = DATA.labels || {};
  var rows = DATA.targets.map(function (t, i) {
    var lab = labels[t.indicator] || {};
    var hay = [t.indicator, lab.zh, lab.en, t.indicator_text, t.region, t.region_en, periodName(t.period), periodEn(t.period), t.unit, fmt(t.value),
      t.evidence, t.scope, DATA.titles[t.notice], t.baseline_year, t.target_year].join(' ').toLowerCase();
    return { t: t, i: i, label: lab.zh || t.indicator || '', hay: hay };
  });
  var sortKey = null, sortDir = 1;
  var MAX_ROWS = 500;
  var collator = (typeof Intl !== 'undefined' && Intl.Collator) ? new Intl.Collator('zh-CN') : null;

  function cmp(a, b) {
    if (a === b) return 0;
    if (a === null || a === undefined || a === '') return 1;   // blanks last in both directions
    if (b === null || b === undefined || b === '') return -1;
    if (typeof a === 'number' && typeof b === 'number') return (a - b) * sortDir;
    var c = collator ? collator.compare(String(a), String(b)) : (String(a) < String(b) ? -1 : 1);
    return c * sortDir;
  }
  function keyOf(r) {
    if (sortKey === 'indicator') return r.label;
    return r.t[sortKey];
  }
  function valueText(t) {
    var parts = [];
    if (t.direction && DIRECTIONS[t.direction]) parts.push(DIRECTIONS[t.direction]);
    parts.push(fmt(t.value));
    if (t.qualifier && QUALIFIERS[t.qualifier]) parts.push(QUALIFIERS[t.qualifier]);
    return parts.join(' ');
  }
  function valueWithUnit(t) {
    var parts = [];
    if (t.direction && DIRECTIONS[t.direction]) parts.push(DIRECTIONS[t.direction]);
    parts.push(fmt(t.value) + (t.unit || ''));
    if (t.qualifier && QUALIFIERS[t.qualifier]) parts.push(QUALIFIERS[t.qualifier]);
    return parts.join(' ');
  }
  function renderTable() {
    var q = document.getElementById('target-search').value.trim().toLowerCase();
    var terms = q ? q.split(/\s+/) : [];
    var shown = rows.filter(function (r) { return terms.every(function (w) { return r.hay.indexOf(w) !== -1; }); });
    if (sortKey) {
      shown.sort(function (a, b) { return cmp(keyOf(a), keyOf(b)) || (a.i - b.i); });
    }
    var body = document.getElementById('targets-body');
    body.textContent = '';
    var frag = document.createDocumentFragment();
    shown.slice(0, MAX_ROWS).forEach(function (r) {
      var t = r.t;
      var tr = el('tr', { 'data-target-id': t.id });
      var td = el('td');
      var lab = labels[t.indicator] || {};
      td.appendChild(biCell('span', r.label, lab.en));
      td.appendChild(el('span', { 'class': 'code' }, t.indicator_text || t.indicator));
      tr.appendChild(td);
      tr.appendChild(biCell('td', t.region || '', t.region_en));
      tr.appendChild(t.period ? biCell('td', periodName(t.period), periodEn(t.period)) : el('td'));
      tr.appendChild(el('td', { 'class': 'num' }, valueText(t)));
      tr.appendChild(el('td', null, t.unit || ''));
      tr.appendChild(el('td', { 'class': 'num' }, t.baseline_year === null ? '' : t.baseline_year));
      tr.appendChild(el('td', { 'class': 'num' }, t.target_year === null ? '' : t.target_year));
      var cell = el('td');
      var btn = el('button', { type: 'button', 'class': 'open', 'aria-label': '查看原文 show evidence' }, '原文');
      cell.setAttribute('class', 'open-col');
      cell.appendChild(btn);
      tr.appendChild(cell);
      tr.addEventListener('click', function () { openEvidence(t); });
      frag.appendChild(tr);
    });
    body.appendChild(frag);
    var count = document.getElementById('target-count');
    count.textContent = '显示 ' + shown.length + ' / ' + rows.length + ' 条 (shown / all)';
    var more = document.getElementById('targets-more');
    more.textContent = shown.length > MAX_ROWS ? '只显示前 ' + MAX_ROWS + ' 条,请缩小搜索范围 / first ' + MAX_ROWS + ' shown, refine the search' : '';
    if (!DATA.has_targets_table) more.textContent = '目标表不可用 / targets table not available';
  }
  function setupTable() {
    document.getElementById('target-search').addEventListener('input', renderTable);
    var ths = document.querySelectorAll('#targets-table th[data-key]');
    Array.prototype.forEach.call(ths, function (th) {
      th.querySelector('button').addEventListener('click', function () {
        var key = th.getAttribute('data-key');
        sortDir = (sortKey === key) ? -sortDir : 1;
        sortKey = key;
        Array.prototype.forEach.call(ths, function (o) { o.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', sortDir === 1 ? 'ascending' : 'descending');
        renderTable();
      });
    });
    renderTable();
  }

  // ---- evidence view: the notice text with the evidence marked at its offsets ---------------------
  // Offsets in the data count code points (Python); JS strings count UTF-16 units, so slice code points.
  var codePoints = {};
  function pointsOf(noticeId) {
    if (!codePoints[noticeId]) codePoints[noticeId] = Array.from(DATA.texts[noticeId]);
    return codePoints[noticeId];
  }
  function openEvidence(t) {
    var dlg = document.getElementById('evidence-dialog');
    var lab = labels[t.indicator] || {};
    document.getElementById('evidence-title').textContent =
      (lab.zh || t.indicator) + ' · ' + (t.region || '') + ' · ' + (t.period ? periodName(t.period) : '') + ' · ' + valueWithUnit(t);
    document.getElementById('evidence-meta').textContent =
      (DATA.titles[t.notice] || '') + ' — 字符 chars ' + t.start + '–' + t.end + ' · ' + t.id;
    var box = document.getElementById('evidence-text');
    var warn = document.getElementById('evidence-warning');
    box.textContent = '';
    warn.hidden = true;
    var hasText0 = Object.prototype.hasOwnProperty.call(DATA.texts, t.notice);
    document.getElementById('evidence-note').hidden = !(hasText0 && DATA.texts[t.notice].indexOf(MISSING_GLYPH) !== -1);
    var mark = el('mark', { id: 'evidence-mark' });
    var hasText = Object.prototype.hasOwnProperty.call(DATA.texts, t.notice);
    var okOffsets = typeof t.start === 'number' && typeof t.end === 'number' && t.start >= 0 && t.end >= t.start;
    if (hasText && okOffsets) {
      var cps = pointsOf(t.notice);
      mark.textContent = cps.slice(t.start, t.end).join('');
      box.appendChild(document.createTextNode(cps.slice(0, t.start).join('')));
      box.appendChild(mark);
      box.appendChild(document.createTextNode(cps.slice(t.end).join('')));
      if (t.evidence && mark.textContent !== t.evidence) {
        warn.textContent = '注意:字符位置处的文本与证据字段不一致 / the text at the offsets differs from the evidence column: ' + t.evidence;
        warn.hidden = false;
      }
    } else {
      mark.textContent = t.evidence || '';
      box.appendChild(mark);
      warn.textContent = '通知全文不在本版中,仅显示证据 / notice text not available in this release; showing the evidence only';
      warn.hidden = false;
    }
    if (typeof dlg.showModal === 'function') { if (!dlg.open) dlg.showModal(); } else { dlg.setAttribute('open', ''); }
    // centre the evidence inside the scrolling text box
    box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - box.clientHeight / 3);
  }
  function setupEvidence() {
    var dlg = document.getElementById('evidence-dialog');
    document.getElementById('evidence-close').addEventListener('click', function () { dlg.close(); });
    dlg.addEventListener('click', function (e) { if (e.target === dlg) dlg.close(); });
  }

  drawEnergy();
  drawAllocation();
  drawPollutants();
  setupEvidence();
  setupTable();
})();
