#!/usr/bin/env node
// Benchmarks the MNIST lab in headless Chromium (SwiftShader WebGL2): trains in the page as a
// learner would (Start), samples window.nnlab.state() every second while it trains, and reports
// samples/s, frame times and the per-epoch test accuracy. For the second half of the epochs the
// learner scribbles on the draw pad, one mouse move per frame (every frame then draws a new
// picture: the worst case for the page's frame rate). Usage:
//   NNLAB_SITE=build/web/site node scripts/bench-mnist-lab.js [ARCH EPOCHS]...
//   (default: 784-16-16-10 5 784-128-10 10; Adam, lr 1e-3, batch 64, all 7,996 training digits)
//   BUDGET_MS=N sets the training time per frame when the lab trains in the frame (no worker).
'use strict';
const path = require('node:path');
const { startServer, launchBrowser } = require(path.join(__dirname, '..', 'tests', 'e2e', 'harness.js'));

const median = (v) => { const s = [...v].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };

async function run(browser, url, arch, epochs) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${url}#view=mnist&arch=${arch}&epochs=${epochs}&opt=adam&lr=0.001&batch=64&subset=all&seed=1`);
  await page.evaluate(() => window.nnlab.ready);
  await page.waitForFunction(() => window.nnlab.state().mnist.data.ready, null, { timeout: 60000 });
  await page.waitForFunction(() => !window.nnlab.state().mnist.training.evaluating);
  await page.waitForTimeout(2000);  // idle frames for the baseline
  const idle = await page.evaluate(() => window.nnlab.state());
  const start = Date.now();
  if (process.env.BUDGET_MS) await page.evaluate((b) => window.nnlab.command('budget ' + b), process.env.BUDGET_MS);
  const message = await page.evaluate(() => window.nnlab.command('train start'));
  if (message) throw new Error(message);
  const samples = [];
  let mouse = null;  // the scribbling, from half-way
  // Mouse events dispatched from a requestAnimationFrame loop in the page: one per frame, along a
  // Lissajous curve over the pad, with the pad cleared twice a second so every move adds ink.
  const moveMouse = async () => {
    await page.evaluate(() => {
      const canvas = document.getElementById('canvas');
      const [x0, y0, x1, y1] = window.nnlab.state().ui['mnist.pad'].map((v) => v / devicePixelRatio);
      const at = (i) => ({ clientX: x0 + (x1 - x0) * (0.5 + 0.4 * Math.sin(i / 7)),
        clientY: y0 + (y1 - y0) * (0.5 + 0.4 * Math.sin(i / 11)), bubbles: true, button: 0, buttons: 1 });
      let i = 0;
      window.__scribbling = true;
      canvas.dispatchEvent(new MouseEvent('mousedown', at(0)));
      const frame = () => {
        if (!window.__scribbling) { canvas.dispatchEvent(new MouseEvent('mouseup', { ...at(i), buttons: 0 })); return; }
        canvas.dispatchEvent(new MouseEvent('mousemove', at(++i)));
        if (i % 30 === 0) window.nnlab.command('draw clear');
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    while (mouse) await page.waitForTimeout(100);
    await page.evaluate(() => { window.__scribbling = false; });
  };
  for (;;) {
    await page.waitForTimeout(1000);
    const s = await page.evaluate(() => window.nnlab.state());
    const t = s.mnist.training;
    // Seconds spent measuring accuracy at an epoch's end are not training seconds; the first
    // second after the mouse starts moving still has still frames in its window.
    if (t.phase === 'running' && !t.evaluating && t.samples_per_s > 0)
      samples.push({ mouse: mouse ? mouse.since++ > 0 : false, sps: t.samples_per_s, ms: t.ms_per_step, fps: s.fps,
        median: s.frame_ms, max: s.max_frame_ms, presented: s.presented_per_s, trains_in: t.trains_in });
    if (!mouse && t.epoch >= epochs / 2) {
      mouse = { since: 0 };
      mouse.done = moveMouse();
    }
    if (t.phase !== 'running') {
      const m = mouse;
      mouse = null;
      if (m) await m.done;
      await context.close();
      return { arch, epochs, idle, seconds: (Date.now() - start) / 1000, samples, final: s };
    }
  }
}

function summary(samples) {
  if (!samples.length) return 'no full training second';
  const m = (k) => median(samples.map((s) => s[k]));
  return `samples/s median ${m('sps').toFixed(0)} (min ${Math.min(...samples.map((s) => s.sps)).toFixed(0)}), ` +
    `ms/step ${m('ms').toFixed(2)}, fps median ${m('fps').toFixed(1)} (min ${Math.min(...samples.map((s) => s.fps)).toFixed(1)}), ` +
    `median frame ${m('median').toFixed(1)} ms, worst frame ${Math.max(...samples.map((s) => s.max)).toFixed(1)} ms, ` +
    `new pictures ${m('presented').toFixed(1)}/s (${samples.length} one-second samples)`;
}

(async () => {
  const args = process.argv.slice(2);
  const runs = [];
  for (let i = 0; i + 1 < args.length; i += 2) runs.push([args[i], Number(args[i + 1])]);
  if (!runs.length) runs.push(['784-16-16-10', 5], ['784-128-10', 10]);
  const server = await startServer();
  const { browser, cleanup } = await launchBrowser();
  try {
    for (const [arch, epochs] of runs) {
      const r = await run(browser, server.url, arch, epochs);
      const t = r.final.mnist.training;
      const acc = t.history.map((e) => (100 * e.test_accuracy).toFixed(1));
      console.log(`${arch}, Adam 1e-3, batch 64, ${epochs} epochs on 7,996 digits: ${t.phase} in ${r.seconds.toFixed(0)} s`);
      console.log(`  test accuracy per epoch (%): ${acc.join(' ')}; train ${(100 * t.history.at(-1).train_accuracy).toFixed(1)} %`);
      console.log(`  idle page: ${r.idle.fps.toFixed(0)} fps, median frame ${r.idle.frame_ms.toFixed(1)} ms, max ${r.idle.max_frame_ms.toFixed(1)} ms`);
      console.log(`  trains in the ${t.trains_in}`);
      console.log(`  training, page untouched: ${summary(r.samples.filter((x) => !x.mouse))}`);
      console.log(`  training, scribbling:      ${summary(r.samples.filter((x) => x.mouse))}`);
    }
  } finally {
    await cleanup();
    server.stop();
  }
})();
