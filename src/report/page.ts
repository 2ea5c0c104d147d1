// The report's page: a fixed HTML shell and the script that draws it from the JSON data
// element. Nothing from the caller is spliced into this source; the caller's values reach
// the page only escaped (escape.ts). Not part of the public API.

/** Colors of the report, shared by the page script and the server side (markers, lines). */
export const COLORS = {
  up: '#26a69a',
  down: '#ef5350',
  equity: '#2962ff',
  benchmark: '#9e9e9e',
  drawdown: '#c62828',
  // Distinct from the candles, equity and drawdown colors (tests tell them apart by color).
  lines: ['#ff9800', '#7b1fa2', '#00897b', '#795548', '#e91e63', '#607d8b'],
} as const;

export const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; animation: none !important; transition: none !important; }
body { margin: 0; padding: 16px 20px 24px; font: 14px/1.4 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1f2328; background: #fff; }
h1 { font-size: 20px; margin: 0 0 2px; }
.sub { margin: 0 0 10px; color: #57606a; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0 0 6px; color: #57606a; font-size: 13px; }
.legend span::before { content: ""; display: inline-block; width: 14px; height: 3px; margin: 0 6px 3px 0; background: var(--c); vertical-align: middle; }
#chart { position: relative; width: 100%; height: 620px; }
.panes { display: flex; gap: 16px; font-size: 12px; color: #57606a; margin: 4px 0 14px; }
#error { display: none; padding: 8px 12px; margin: 0 0 10px; background: #ffebe9; color: #82071e; border: 1px solid #ff8182; white-space: pre-wrap; }
table { border-collapse: collapse; min-width: 420px; }
caption { text-align: left; font-weight: 600; padding: 0 0 6px; }
th, td { padding: 3px 12px 3px 0; border-bottom: 1px solid #eaeef2; text-align: left; font-weight: normal; }
td { text-align: right; font-variant-numeric: tabular-nums; }
footer { margin-top: 14px; color: #8c959f; font-size: 12px; }
`;

// Runs in the browser. Reads #hean-report-data, draws one chart with three panes (candles
// with the lines and trade markers; equity; drawdown), then sets data-rendered on <html>
// after two frames (lightweight-charts paints on animation frames) so tests and
// screenshots know when the page is complete.
export const SCRIPT = `
(function () {
  'use strict';
  var root = document.documentElement;
  function fail(e) {
    var box = document.getElementById('error');
    box.textContent = 'The report could not be drawn: ' + (e && e.message ? e.message : String(e));
    box.style.display = 'block';
    root.setAttribute('data-rendered', 'error');
    throw e;
  }
  try {
    var L = window.LightweightCharts;
    if (!L) throw new Error('lightweight-charts did not load');
    var d = JSON.parse(document.getElementById('hean-report-data').textContent);
    var c = d.colors;
    var chart = L.createChart(document.getElementById('chart'), {
      autoSize: true,
      layout: { background: { type: 'solid', color: '#ffffff' }, textColor: '#333333', fontSize: 11, fontFamily: 'DejaVu Sans, Liberation Sans, Arial, sans-serif', panes: { separatorColor: '#d0d7de', enableResize: false } },
      grid: { vertLines: { color: '#f0f3fa' }, horzLines: { color: '#f0f3fa' } },
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: '#d0d7de', minBarSpacing: 0.01 },
      rightPriceScale: { borderColor: '#d0d7de' },
      crosshair: { mode: 0 },
      localization: { locale: 'en-US' }
    });
    var candles = chart.addSeries(L.CandlestickSeries, { upColor: c.up, downColor: c.down, borderVisible: false, wickUpColor: c.up, wickDownColor: c.down, priceLineVisible: false }, 0);
    candles.setData(d.candles);
    d.lines.forEach(function (l) {
      chart.addSeries(L.LineSeries, { color: l.color, lineWidth: 1, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false }, 0).setData(l.data);
    });
    var markers = L.createSeriesMarkers(candles, d.markers);
    if (d.benchmark.length) chart.addSeries(L.LineSeries, { color: c.benchmark, lineWidth: 1, lineStyle: 2, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false }, 1).setData(d.benchmark);
    chart.addSeries(L.LineSeries, { color: c.equity, lineWidth: 2, priceLineVisible: false }, 1).setData(d.equity);
    chart.addSeries(L.AreaSeries, { lineColor: c.drawdown, topColor: 'rgba(198,40,40,0.04)', bottomColor: 'rgba(198,40,40,0.30)', lineWidth: 1, invertFilledArea: true, priceLineVisible: false, priceFormat: { type: 'percent' } }, 2).setData(d.drawdown);
    var panes = chart.panes();
    panes[0].setStretchFactor(3);
    panes[1].setStretchFactor(1.2);
    panes[2].setStretchFactor(1);
    chart.timeScale().fitContent();
    // For scripts and tests that inspect the page.
    window.heanReport = { chart: chart, markers: markers };
    requestAnimationFrame(function () { requestAnimationFrame(function () { root.setAttribute('data-rendered', 'true'); }); });
  } catch (e) {
    fail(e);
  }
})();
`;
