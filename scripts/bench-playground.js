#!/usr/bin/env node
// Benchmarks the Playground in headless Chromium (SwiftShader WebGL2) at 1280 × 800, as the
// Playground's issue measured TF Playground: the spiral at TF's default batch size (10), training at
// the fastest speed while every neuron's map (40 × 40) and the 200 × 200 output map are redrawn,
// RUN_S seconds a run, three runs a network. Reports epochs/s, frames/s, the median and the worst
// frame, the time from opening the page to its first frame, and what the last frame drew (a software
// rasteriser's time goes with triangles, draw calls and pixels covered). Usage:
//   NNLAB_SITE=build/web/site node scripts/bench-playground.js [NET]...
//   (default: 4,2 and 8,8,8,8,8,8 — TF Playground's default and its largest network; RUNS=3, RUN_S=20,
//   SPEED=max or epochs per second; TRAIN_MS, MAPS_MS: the training and map budgets per frame)
'use strict';
const path = require('node:path');
const { startServer, launchBrowser } = require(path.join(__dirname, '..', 'tests', 'e2e', 'harness.js'));

const median = (v) => { const s = [...v].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
const RUNS = Number(process.env.RUNS || 3), RUN_S = Number(process.env.RUN_S || 20), SPEED = process.env.SPEED || 'max';
// The Playground's time per frame for training and for the maps (its defaults: 4 and 5 ms).
const BUDGETS = [process.env.TRAIN_MS && `budget train ${process.env.TRAIN_MS}`, process.env.MAPS_MS && `budget maps ${process.env.MAPS_MS}`].filter(Boolean);

async function run(browser, url, net) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const opened = Date.now();
  await page.goto(`${url}#view=playground&data=spiral&net=${net}&batch=10&lr=0.03&act=tanh&lang=en`);
  await page.evaluate(() => window.nnlab.ready);
  await page.waitForFunction(() => window.nnlab.state().frames >= 1);
  const first = (Date.now() - opened) / 1000;
  await page.waitForTimeout(1500);  // the first maps, the font
  for (const c of [...BUDGETS, `set speed ${SPEED}`, 'train start']) {
    const e = await page.evaluate((cmd) => window.nnlab.command(cmd), c);
    if (e) throw new Error(`${c}: ${e}`);
  }
  await page.waitForTimeout(1000);  // past the first second (the clock of frame times restarts)
  const s0 = await page.evaluate(() => window.nnlab.state());
  const t0 = Date.now();
  const samples = [];
  while (Date.now() - t0 < RUN_S * 1000) {
    await page.waitForTimeout(1000);
    const s = await page.evaluate(() => window.nnlab.state());
    samples.push({ fps: s.fps, median: s.frame_ms, max: s.max_frame_ms });
  }
  const s1 = await page.evaluate(() => window.nnlab.state());
  const seconds = (Date.now() - t0) / 1000;
  await context.close();
  return {
    first, seconds, epochs_per_s: (s1.playground.epoch - s0.playground.epoch) / seconds,
    fps: median(samples.map((x) => x.fps)), median_ms: median(samples.map((x) => x.median)),
    worst_ms: Math.max(...samples.map((x) => x.max)), test_loss: s1.playground.test_loss, epoch: s1.playground.epoch,
    draw: s1.draw, cpu_ms: s1.cpu_ms,
  };
}

(async () => {
  const nets = process.argv.slice(2);
  if (!nets.length) nets.push('4,2', '8,8,8,8,8,8');
  const server = await startServer();
  const { browser, cleanup } = await launchBrowser();
  try {
    for (const net of nets) {
      const results = [];
      for (let i = 0; i < RUNS; i++) results.push(await run(browser, server.url, net));
      console.log(`spiral, 2-${net.replace(/,/g, '-')}-1 tanh, batch 10, speed ${SPEED}, ${RUNS} runs of ${RUN_S} s:`);
      for (const r of results)
        console.log(`  ${r.epochs_per_s.toFixed(0)} epochs/s, ${r.fps.toFixed(0)} fps, median frame ${r.median_ms.toFixed(1)} ms, ` +
          `worst ${r.worst_ms.toFixed(0)} ms, first frame ${r.first.toFixed(2)} s (epoch ${r.epoch}, test loss ${r.test_loss.toFixed(3)}; ` +
          `app ${r.cpu_ms.toFixed(1)} ms a frame; drawn: ${r.draw.triangles} triangles in ${r.draw.commands} draw calls, ` +
          `covering ${r.draw.fill.toFixed(2)} of the window)`);
      const m = (k) => median(results.map((r) => r[k]));
      console.log(`  medians: ${m('epochs_per_s').toFixed(0)} epochs/s, ${m('fps').toFixed(0)} fps, median frame ` +
        `${m('median_ms').toFixed(1)} ms, worst ${m('worst_ms').toFixed(0)} ms, first frame ${m('first').toFixed(2)} s`);
    }
  } finally {
    await cleanup();
    server.stop();
  }
})();
