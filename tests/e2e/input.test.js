// Input end to end: a finger on a tablet (Chromium's mobile emulation, 820 × 1180 at
// devicePixelRatio 2, real touch events through the DevTools protocol), the mouse's wheel and the
// keyboard alone on a desktop-sized page, Back and Forward, and the keyboard in the desktop app
// under Xvfb (real X key events through XTest). Screenshots: build/e2e/input-*.png.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { root, startServer, launchBrowser, openPage, waitFrames, touchscreen, decodePng, pixelStats } = require('./harness');

const shots = path.join(root, 'build', 'e2e');
fs.mkdirSync(shots, { recursive: true });
const desktop = process.env.NNLAB_DESKTOP || path.join(root, 'build', 'native', 'nnlab');
const close = (a, b, tol = 1e-4) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
const centre = ([x0, y0, x1, y1]) => [(x0 + x1) / 2, (y0 + y1) / 2];
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const TABLET = { viewport: { width: 820, height: 1180 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };

let server, browser, cleanup;
test.before(async () => {
  server = await startServer();
  ({ browser, cleanup } = await launchBrowser());
});
test.after(async () => { await cleanup?.(); server?.stop(); });

async function open(options, hash) {
  const context = await browser.newContext(options);
  const { page, warnings } = await openPage(context, server.url + hash);
  const state = () => page.evaluate(() => window.nnlab.state());
  return { context, page, warnings, state };
}

// The lab on the tablet, its digits loaded, and a finger on the page.
async function openLabByFinger() {
  const opened = await open(TABLET, '#view=mnist');
  await opened.page.waitForFunction(() => window.nnlab.state().mnist.data.ready, null, { timeout: 30000 });
  await waitFrames(opened.page, 3);
  return { ...opened, finger: await touchscreen(opened.context, opened.page, 2) };
}

// ---- a finger on a tablet ----------------------------------------------------------------------

test('touch: ten taps in a row on the navigation each open the view tapped, and leave no hover', async () => {
  const { context, page, state } = await open(TABLET, '#view=neuron');
  const finger = await touchscreen(context, page, 2);
  const views = ['network', 'backprop', 'mnist', 'concepts', 'neuron', 'mnist', 'network', 'concepts', 'backprop', 'neuron'];
  for (const view of views) {
    const s = await state();
    await finger.tap(...centre(s.ui['nav ' + view]));  // press and lift at once
    await page.waitForFunction((v) => window.nnlab.state().view === v, view, { timeout: 5000 })
      .catch(() => assert.fail(`a tap on 'nav ${view}' did not open it (view ${s.view})`));
  }
  await waitFrames(page, 3);
  const s = await state();
  assert.equal(s.input.pointer, 'touch');
  assert.equal(s.input.touch_mode, true);
  assert.equal(s.input.tooltip, false, 'a tap leaves no tooltip behind');
  for (const v of ['neuron', 'network', 'backprop', 'mnist', 'concepts']) assert.ok(s.ui['nav ' + v], 'nav ' + v);
  await context.close();
});

test('touch: a finger drags the w1 slider and z follows the core', async () => {
  const { context, page, state } = await open(TABLET, '#view=neuron');
  const finger = await touchscreen(context, page, 2);
  const before = await state();
  const [x0, y0, x1, y1] = before.ui.w1;
  const y = (y0 + y1) / 2, grab = x0 + (x1 - x0) * ((before.neuron.w1 + 3) / 6);
  await finger.stroke(Array.from({ length: 9 }, (_, i) => [grab + i * 10, y]));
  await page.waitForFunction((w) => window.nnlab.state().neuron.w1 > w, before.neuron.w1);
  const n = (await state()).neuron;
  assert.ok(n.w1 > before.neuron.w1 && n.w1 < 3, `w1 ${before.neuron.w1} → ${n.w1}: moved with the finger, not to the end`);
  assert.ok(close(n.terms[0], n.w1 * n.x1), `w1·x1 = ${n.terms[0]}`);
  assert.ok(close(n.z, n.w1 * n.x1 + n.w2 * n.x2 + n.b), `z = ${n.z}`);
  await context.close();
});

test('touch: a finger scrolls the step list the way it moves, a flick keeps it going', async () => {
  const { context, page, state } = await open(TABLET, '#view=backprop&lesson=backprop-coat&step=38');
  const finger = await touchscreen(context, page, 2);
  let s = await state();
  // The step list: right of the "step prev" button's column, below the buttons.
  const [bx0, , , by1] = s.ui['step prev'];
  const x = bx0 + 200, y = by1 + 700;
  const scrolled = async () => (await state()).input.scroll.touched;
  // Down: the content follows the finger down, so earlier steps come into view (scroll falls).
  await finger.stroke(Array.from({ length: 11 }, (_, i) => [x, y + i * 30]), 30, true);
  await waitFrames(page, 2);
  let w = await scrolled();
  assert.ok(w, 'the finger scrolled a window');
  assert.equal(w.window, 'steps');
  const top = w.max[1];
  assert.ok(w.scroll[1] < top - 200, `dragged down 300 px: scroll ${top} → ${w.scroll[1]}`);
  assert.ok(w.scroll[1] > top - 400, `…by about the finger's distance: ${top} → ${w.scroll[1]}`);
  await finger.up();
  await waitFrames(page, 2);
  s = await state();
  assert.equal(s.input.touch.fling, false, 'a slow drag does not fling');
  const rest = s.input.scroll.touched.scroll[1];
  // A quick flick up (160 px in 40 ms): the content goes up with it and keeps going after the
  // finger lifts, further than the finger went.
  assert.ok(rest < top - 250, 'room to fling');
  await finger.stroke(Array.from({ length: 5 }, (_, i) => [x, y + 200 - i * 40]), 10);
  await pause(700);
  const later = (await scrolled()).scroll[1];
  assert.ok(later > rest + 160 + 40, `a 160 px flick took the list ${rest} → ${later}`);
  await page.screenshot({ path: path.join(shots, 'input-touch-scrolled.png') });
  await context.close();
});

test('touch: holding still shows what hover shows; lifting takes it away', async () => {
  const { context, page, state } = await open(TABLET, '#view=coat');
  const finger = await touchscreen(context, page, 2);
  const s = await state();
  const edge = s.ui['edge 1 1 1'];
  assert.ok(edge, 'the diagram reports its edges: ' + Object.keys(s.ui));
  await finger.down(...centre(edge));
  await page.waitForFunction(() => window.nnlab.state().input.tooltip, null, { timeout: 5000 })
    .catch(() => assert.fail('a long press on an edge shows its tooltip'));
  assert.equal((await state()).network.selected.kind, 'none', 'a long press does not click');
  await waitFrames(page, 3);
  await page.screenshot({ path: path.join(shots, 'input-long-press.png') });
  await finger.up();
  await page.waitForFunction(() => !window.nnlab.state().input.tooltip);
  await context.close();
});

test('touch: a finger draws a digit on the lab\'s pad and the lab reads it', async () => {
  const { context, page, state, finger } = await openLabByFinger();
  const [px0, py0, px1, py1] = (await state()).ui['mnist.pad'];
  const at = (u, v) => [px0 + u * (px1 - px0), py0 + v * (py1 - py0)];
  // A 7: a bar across the top, then down to the bottom left, in one stroke.
  const points = [];
  for (let i = 0; i <= 12; i++) points.push(at(0.25 + 0.5 * i / 12, 0.2));
  for (let i = 1; i <= 16; i++) points.push(at(0.75 - 0.3 * i / 16, 0.2 + 0.65 * i / 16));
  await finger.stroke(points);
  await page.waitForFunction(() => window.nnlab.state().mnist.pad.has_digit, null, { timeout: 5000 })
    .catch(() => assert.fail('the stroke reached the pad'));
  const pad = (await state()).mnist.pad;
  assert.equal(pad.probabilities.length, 10);
  assert.equal(pad.prediction, pad.probabilities.indexOf(Math.max(...pad.probabilities)));
  assert.equal((await state()).input.scroll.touched, null, 'drawing did not scroll anything');
  await page.screenshot({ path: path.join(shots, 'input-touch-pad.png') });
  await context.close();
});

test('touch: the on-screen keyboard\'s input lies over the field, and what is typed there sets the learning rate', async () => {
  const { context, page, state, finger } = await openLabByFinger();
  const lr = (await state()).ui['mnist.lr'];
  await finger.tap(lr[0] + 20, (lr[1] + lr[3]) / 2);
  await page.waitForSelector('#text-field:not([hidden])', { timeout: 5000 });
  const s = await state();
  assert.ok(s.input.text_field, 'the field is being edited');
  assert.equal(s.input.text_field.text, '0.001');
  assert.equal(s.input.text_field.numeric, true);
  // The DOM input covers the field's frame exactly (framebuffer px = 2 × CSS px here).
  const box = await page.$eval('#text-field', (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; });
  const [fx0, fy0, fx1, fy1] = s.input.text_field.rect.map((v) => v / 2);
  for (const [a, b] of [[box[0], fx0], [box[1], fy0], [box[2], fx1], [box[3], fy1]]) assert.ok(Math.abs(a - b) < 1, `${box} over ${[fx0, fy0, fx1, fy1]}`);
  assert.ok(fx0 >= lr[0] / 2 - 1 && fx1 <= lr[2] / 2 + 1, 'over the learning-rate field');
  assert.equal(await page.$eval('#text-field', (el) => el.inputMode), 'decimal');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'text-field', 'it has the focus: the phone\'s keyboard opens');
  assert.equal(await page.$eval('#text-field', (el) => el.value), '0.001');
  await page.fill('#text-field', '0.05');
  await page.waitForFunction(() => window.nnlab.state().input.text_field?.text === '0.05');
  await page.screenshot({ path: path.join(shots, 'input-touch-keyboard.png') });
  assert.equal((await state()).mnist.settings.lr, 0.001, 'not set before Enter');
  await page.press('#text-field', 'Enter');
  await page.waitForFunction(() => window.nnlab.state().mnist.settings.lr === 0.05, null, { timeout: 5000 })
    .catch(() => assert.fail('Enter in the DOM input commits the field'));
  await page.waitForSelector('#text-field', { state: 'hidden' });
  assert.equal((await state()).input.text_field, null);
  // Leaving the input (the keyboard closed, a tap elsewhere) commits too.
  await finger.tap(lr[0] + 20, (lr[1] + lr[3]) / 2);
  await page.waitForSelector('#text-field:not([hidden])');
  await page.fill('#text-field', '0.02');
  await page.waitForFunction(() => window.nnlab.state().input.text_field?.text === '0.02');
  await page.$eval('#text-field', (el) => el.blur());
  await page.waitForFunction(() => window.nnlab.state().mnist.settings.lr === 0.02, null, { timeout: 5000 })
    .catch(() => assert.fail('leaving the DOM input commits the field'));
  await context.close();
});

// ---- the mouse's wheel and the keyboard on a desktop page ---------------------------------------

test('wheel: one notch down scrolls a few lines down, one notch up comes back; Ctrl+wheel stays the page\'s zoom', async () => {
  const { context, page, state } = await open(DESKTOP, '#view=backprop&lesson=backprop-coat');
  assert.equal(await page.evaluate(() => window.nnlab.command('step all')), '');  // a long list, at its top
  await waitFrames(page, 3);
  let s = await state();
  const [bx0, , , by1] = s.ui['step prev'];
  await page.mouse.move(bx0 + 100, by1 + 200);
  await waitFrames(page, 2);
  s = await state();
  const w = s.input.scroll.hovered;
  assert.equal(w.window, 'steps');
  assert.equal(w.scroll[1], 0, 'the list starts at its top');
  assert.ok(w.max[1] > 300, `and is long: ${JSON.stringify(w)}`);
  const line = 16 * s.scale;
  await page.mouse.wheel(0, 100);  // one notch down (towards the user)
  await waitFrames(page, 3);
  const down = (await state()).input.scroll.hovered.scroll[1];
  assert.ok(down > line && down < 8 * line, `one notch down moves a few lines down: 0 → ${down}`);
  await page.mouse.wheel(0, -100);  // and one notch up
  await waitFrames(page, 3);
  assert.equal((await state()).input.scroll.hovered.scroll[1], 0, 'one notch up comes back');
  // A trackpad: many small pixel deltas, each a small smooth step.
  const steps = [];
  for (let i = 0; i < 5; i++) {
    await page.mouse.wheel(0, 8);
    await waitFrames(page, 2);
    steps.push((await state()).input.scroll.hovered.scroll[1]);
  }
  const moves = steps.map((v, i) => v - (i ? steps[i - 1] : 0));
  assert.ok(moves.every((d) => d >= 0 && d <= line), `small deltas scroll a little each: ${moves}`);
  assert.ok(steps[4] >= 2, `and add up: 0 → ${steps[4]}`);
  // Ctrl+wheel: the page does not take it (the browser zooms).
  const taken = await page.evaluate(() => !document.getElementById('canvas').dispatchEvent(
    new WheelEvent('wheel', { deltaY: 100, ctrlKey: true, cancelable: true, bubbles: true, clientX: 300, clientY: 300 })));
  assert.equal(taken, false, 'Ctrl+wheel is not prevented');
  const plain = await page.evaluate(() => !document.getElementById('canvas').dispatchEvent(
    new WheelEvent('wheel', { deltaY: 100, cancelable: true, bubbles: true, clientX: 300, clientY: 300 })));
  assert.equal(plain, true, 'a plain wheel is the app\'s');
  await context.close();
});

// Presses a key as a person does, but quickly (one after another, no frames in between): the
// app's input queue hands them to ImGui a frame apart.
async function key(page, name, n = 1) { for (let i = 0; i < n; i++) await page.keyboard.press(name); }
async function tabTo(page, name, max = 60) {
  for (let i = 0; i < max; i++) {
    await key(page, 'Tab');
    await waitFrames(page, 2);
    const f = (await page.evaluate(() => window.nnlab.state())).input.focused;
    if (f && f.name === name) return i + 1;
  }
  assert.fail(`Tab never reached '${name}'`);
}
let tabsToW1 = 0;  // for the desktop app's test below: the same app, the same order

test('keyboard alone: Tab reaches every navigation entry, Enter opens it, arrows move a slider, Escape lets the lessons have them', async () => {
  const { context, page, state, warnings } = await open(DESKTOP, '#view=neuron');
  await key(page, 'Tab');
  await page.waitForFunction(() => window.nnlab.state().input.focused?.name === 'nav neuron', null, { timeout: 5000 })
    .catch(() => assert.fail('the first Tab focuses the first navigation entry'));
  let s = await state();
  assert.equal(s.input.keyboard_focus, true);
  assert.deepEqual(s.input.focused.rect.map(Math.round), s.ui['nav neuron'].map(Math.round));
  await key(page, 'Tab');
  await page.waitForFunction(() => window.nnlab.state().input.focused?.name === 'nav network');
  await page.screenshot({ path: path.join(shots, 'input-keyboard-focus.png') });
  await key(page, 'Enter');
  await page.waitForFunction(() => window.nnlab.state().view === 'network');
  await key(page, 'Shift+Tab');
  await page.waitForFunction(() => window.nnlab.state().input.focused?.name === 'nav neuron');
  await key(page, ' ');  // Space presses too
  await page.waitForFunction(() => window.nnlab.state().view === 'neuron');
  // To the w1 slider: Tab goes through every item in the order drawn, across child windows.
  tabsToW1 = 1 + await tabTo(page, 'w1');
  s = await state();
  const w1 = s.neuron.w1;
  await key(page, 'ArrowRight', 3);
  await page.waitForFunction((w) => window.nnlab.state().neuron.w1 > w + 0.17, w1);
  s = await state();
  assert.ok(close(s.neuron.w1, w1 + 0.18, 1e-3), `three steps of 1 % of the range: ${w1} → ${s.neuron.w1}`);
  assert.ok(close(s.neuron.z, s.neuron.w1 * s.neuron.x1 + s.neuron.w2 * s.neuron.x2 + s.neuron.b));
  await page.screenshot({ path: path.join(shots, 'input-keyboard-slider.png') });
  await key(page, 'Enter');  // done with the slider; arrows move the focus again
  await key(page, 'Escape');  // no focus: the arrows belong to the lessons again
  await page.waitForFunction(() => !window.nnlab.state().input.keyboard_focus);
  // In a lesson, the arrows step it when no item has the focus …
  assert.equal(await page.evaluate(() => window.nnlab.command('view coat')), '');
  await key(page, 'ArrowRight');
  await page.waitForFunction(() => window.nnlab.state().network.step === 1);
  // … and move the focus (not the lesson) when one has.
  await key(page, 'Tab');
  await page.waitForFunction(() => window.nnlab.state().input.keyboard_focus);
  await key(page, 'ArrowDown');
  await waitFrames(page, 3);
  assert.equal((await state()).network.step, 1, 'the arrow moved the focus, not the lesson');
  assert.deepEqual(warnings.filter((w) => !/GL Driver|GPU stall/.test(w)), []);
  await context.close();
});

test('keyboard: typing on a focused field edits it, five quick Backspaces all delete, Enter sets it', async () => {
  const { context, page, state } = await open(DESKTOP, '#view=mnist');
  await page.waitForFunction(() => window.nnlab.state().mnist.data.ready, null, { timeout: 30000 });
  await tabTo(page, 'mnist.lr');
  await page.keyboard.type('12345');  // the first character starts editing (all selected: replaced)
  await page.waitForFunction(() => window.nnlab.state().input.text_field?.text === '12345');
  await key(page, 'Backspace', 5);  // no pause: the app's queue hands ImGui one a frame
  await page.waitForFunction(() => window.nnlab.state().input.text_field?.text === '', null, { timeout: 5000 })
    .catch(async () => assert.fail('five Backspaces leave ' + JSON.stringify((await state()).input.text_field)));
  await page.keyboard.type('0.01');
  await key(page, 'Enter');
  await page.waitForFunction(() => window.nnlab.state().mnist.settings.lr === 0.01);
  assert.equal((await state()).input.text_field, null);
  await context.close();
});

test('a 0 ms click (press and release between two frames) still clicks', async () => {
  const { context, page, state } = await open(DESKTOP, '#view=neuron');
  const s = await state();
  const [x, y] = centre(s.ui['nav concepts']);
  await page.mouse.move(x, y);
  await page.evaluate(() => new Promise(requestAnimationFrame));
  await page.mouse.down();
  await page.mouse.up();
  await page.waitForFunction(() => window.nnlab.state().view === 'concepts', null, { timeout: 5000 });
  await context.close();
});

test('history: each view opened is a history entry; Back and Forward move between them, a slider does not add one', async () => {
  const { context, page, state } = await open(DESKTOP, '#view=neuron');
  const click = async (name) => {
    const [x, y] = centre((await state()).ui[name]);
    await page.mouse.click(x, y);
  };
  const length0 = await page.evaluate(() => history.length);
  await click('nav network');
  await page.waitForFunction(() => window.nnlab.state().view === 'network');
  await waitFrames(page, 2);
  await click('nav mnist');
  await page.waitForFunction(() => window.nnlab.state().view === 'mnist');
  await waitFrames(page, 2);
  assert.equal(await page.evaluate(() => history.length), length0 + 2);
  assert.match(await page.evaluate(() => location.hash), /view=mnist/);
  await page.goBack();
  await page.waitForFunction(() => window.nnlab.state().view === 'network');
  await page.goBack();
  await page.waitForFunction(() => window.nnlab.state().view === 'neuron');
  await page.goForward();
  await page.waitForFunction(() => window.nnlab.state().view === 'network');
  await waitFrames(page, 2);
  assert.equal(await page.evaluate(() => history.length), length0 + 2, 'Back and Forward add no entries');
  // Another lesson is another place; a value changing is not.
  assert.equal(await page.evaluate(() => window.nnlab.command('set lesson two-by-two')), '');
  await waitFrames(page, 2);
  assert.equal(await page.evaluate(() => history.length), length0 + 2, 'the entries after this one were replaced');
  await page.goBack();
  await page.waitForFunction(() => window.nnlab.state().network.lesson === 'coat');
  await page.goForward();
  await page.waitForFunction(() => window.nnlab.state().network.lesson === 'two-by-two');
  assert.equal(await page.evaluate(() => window.nnlab.command('view neuron')), '');
  await waitFrames(page, 2);
  const entries = await page.evaluate(() => history.length);
  assert.equal(await page.evaluate(() => window.nnlab.command('set w1 0.75')), '');
  await waitFrames(page, 2);
  assert.equal(await page.evaluate(() => history.length), entries, 'a value changing replaces the entry');
  assert.match(await page.evaluate(() => location.hash), /w1=0\.75/);
  await page.goBack();
  await page.waitForFunction(() => window.nnlab.state().view === 'network');
  await context.close();
});

// ---- canvas resolution on high-density screens ---------------------------------------------------

// Frame intervals (ms) of `frames` animation frames; `perFrame` runs in each (before the app's).
async function frameIntervals(page, ms, perFrame) {
  return page.evaluate(([ms, body]) => new Promise((resolve) => {
    const step = body ? new Function('i', body) : () => {};
    const times = [];
    const frame = (now) => {
      times.push(now);
      step(times.length);
      if (now - times[0] < ms) requestAnimationFrame(frame);
      else resolve(times.slice(1).map((t, i) => t - times[i]));
    };
    requestAnimationFrame(frame);
  }), [ms, perFrame]);
}
const stats = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const r = (x) => Math.round(x * 10) / 10;
  return { median: r(s[s.length >> 1]), mean: r(s.reduce((a, b) => a + b, 0) / s.length), p90: r(s[Math.floor(s.length * 0.9)]) };
};

test('a phone\'s devicePixelRatio 3 draws the canvas at 2 framebuffer pixels per CSS pixel, the UI scale following', async () => {
  const { context, page, state } = await open({ ...TABLET, viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 }, '#view=neuron');
  const size = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
  assert.deepEqual(size, [780, 1688]);
  const s = await state();
  assert.equal(s.scale, 2);
  // Touch still lands where the finger is (CSS → framebuffer at 2, not 3).
  const finger = await touchscreen(context, page, 2);
  await finger.tap(...centre(s.ui['nav menu']));  // a phone: the views are behind the top bar's menu
  await page.waitForFunction(() => window.nnlab.state().ui['nav concepts'], null, { timeout: 5000 });
  await finger.tap(...centre((await state()).ui['nav concepts']));
  await page.waitForFunction(() => window.nnlab.state().view === 'concepts', null, { timeout: 5000 });
  await context.close();
});

// Measurements for docs/benchmarks.md ("Touch screens: canvas resolution"); opt-in, slow:
//   NNLAB_BENCH=1 node --test --test-name-pattern='frame times' tests/e2e/input.test.js
test('frame times: idle and a Neuron slider drag at devicePixelRatio 1, 2 and 3', { skip: !process.env.NNLAB_BENCH && 'NNLAB_BENCH=1 runs it', timeout: 600000 }, async () => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 820, height: 1180 }]) {
    for (const dpr of [1, 2, 3]) {
      const { context, page, state } = await open({ ...TABLET, viewport, deviceScaleFactor: dpr }, '#view=neuron');
      await pause(1500);
      const canvas = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
      const idle = stats(await frameIntervals(page, 2000));
      // A drag as the app sees it: w1 changes every frame, so every frame draws a new picture.
      const drag = stats(await frameIntervals(page, 4000, "window.nnlab.command('set w1 ' + (2 * Math.sin(i / 8)).toFixed(3))"));
      const s = await state();
      console.log(JSON.stringify({ css: [viewport.width, viewport.height], dpr, canvas, mpx: +(canvas[0] * canvas[1] / 1e6).toFixed(2),
        scale: s.scale, idle_ms: idle, drag_ms: drag, drag_cpu_ms: +s.cpu_ms.toFixed(2) }));
      await context.close();
    }
  }
});

// ---- the desktop app -----------------------------------------------------------------------------

// Types X key events into the nnlab window (XTest, through libX11/libXtst with Python's ctypes:
// no extra package), then closes the window; the app prints its state and saves its screenshot.
const X_KEYS = String.raw`
import ctypes, sys, time
X = ctypes.cdll.LoadLibrary('libX11.so.6'); T = ctypes.cdll.LoadLibrary('libXtst.so.6')
X.XOpenDisplay.restype = ctypes.c_void_p
X.XDefaultRootWindow.restype = ctypes.c_ulong; X.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
X.XStringToKeysym.restype = ctypes.c_ulong; X.XStringToKeysym.argtypes = [ctypes.c_char_p]
X.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
X.XInternAtom.restype = ctypes.c_ulong; X.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
X.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong),
                         ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)), ctypes.POINTER(ctypes.c_uint)]
class TextProperty(ctypes.Structure):
    _fields_ = [('value', ctypes.c_char_p), ('encoding', ctypes.c_ulong), ('format', ctypes.c_int), ('nitems', ctypes.c_ulong)]
X.XGetWMName.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(TextProperty)]
X.XSetInputFocus.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong]
X.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
X.XFlush.argtypes = [ctypes.c_void_p]
T.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
d = X.XOpenDisplay(None)
if not d: sys.exit('no X display')
def windows(w):
    r, p, kids, n = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
    if X.XQueryTree(d, w, ctypes.byref(r), ctypes.byref(p), ctypes.byref(kids), ctypes.byref(n)):
        for k in [kids[i] for i in range(n.value)]:
            yield k
            yield from windows(k)
def find():
    end = time.time() + 30
    while time.time() < end:
        for w in windows(X.XDefaultRootWindow(d)):
            t = TextProperty()
            if X.XGetWMName(d, w, ctypes.byref(t)) and t.value and t.value.startswith(b'nnlab'): return w
        time.sleep(0.2)
    sys.exit('the nnlab window did not appear')
win = find()
time.sleep(1.5)
X.XSetInputFocus(d, win, 1, 0); X.XFlush(d); time.sleep(0.3)
def key(name, down):
    code = X.XKeysymToKeycode(d, X.XStringToKeysym({'shift': b'Shift_L'}.get(name, name.encode())))
    T.XTestFakeKeyEvent(d, code, down, 0); X.XFlush(d)
for arg in sys.argv[1:]:
    parts = arg.split('+')
    for p in parts: key(p, True)
    time.sleep(0.03)
    for p in reversed(parts): key(p, False)
    time.sleep(0.12)
time.sleep(0.5)
class ClientMessage(ctypes.Structure):
    _fields_ = [('type', ctypes.c_int), ('serial', ctypes.c_ulong), ('send_event', ctypes.c_int), ('display', ctypes.c_void_p),
                ('window', ctypes.c_ulong), ('message_type', ctypes.c_ulong), ('format', ctypes.c_int),
                ('data', ctypes.c_long * 5), ('pad', ctypes.c_long * 24)]
ev = ClientMessage(type=33, window=win, message_type=X.XInternAtom(d, b'WM_PROTOCOLS', 0), format=32)
ev.data[0] = X.XInternAtom(d, b'WM_DELETE_WINDOW', 0)
X.XSendEvent(d, win, 0, 0, ctypes.byref(ev)); X.XFlush(d)
`;

function desktopWithKeys(args, keys) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnlab-keys-'));
  const script = path.join(dir, 'keys.py'), out = path.join(dir, 'state.json');
  fs.writeFileSync(script, X_KEYS);
  const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  const cmd = `${q(desktop)} ${args.map(q).join(' ')} --frames 100000 --state > ${q(out)} & ` +
    `python3 ${q(script)} ${keys.map(q).join(' ')}; wait`;
  // Its own settings directory: no language or lab settings stored by other runs.
  const env = { ...process.env, XDG_CONFIG_HOME: dir };
  const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', 'sh', '-c', cmd], { encoding: 'utf8', timeout: 90000, env });
  const text = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(text.trim().split('\n').pop());
}

test('desktop: the keyboard alone switches views and moves a slider (X key events under Xvfb)', { skip: !fs.existsSync(desktop) && 'no desktop build' }, () => {
  const file = path.join(shots, 'input-desktop-keyboard.png');
  fs.rmSync(file, { force: true });
  let s = desktopWithKeys(['--size', '1280x800', '--screenshot', file], ['Tab', 'Tab', 'Return']);
  assert.equal(s.view, 'network');
  assert.equal(s.input.keyboard_focus, true);
  assert.equal(s.input.focused.name, 'nav network');
  assert.ok(pixelStats(decodePng(fs.readFileSync(file))).colours > 30);
  // From the first item to w1 as in the browser (the same app draws the same items).
  const tabs = Array(tabsToW1 || 12).fill('Tab');
  s = desktopWithKeys(['--size', '1280x800', '--link', '#view=neuron&w1=-0.5'], [...tabs, 'Right', 'Right', 'Right']);
  assert.equal(s.input.focused?.name, 'w1', `${tabs.length} Tabs reach w1`);
  assert.ok(close(s.neuron.w1, -0.5 + 0.18, 1e-3), `three Right arrows: w1 = ${s.neuron.w1}`);
  assert.ok(close(s.neuron.z, s.neuron.w1 * s.neuron.x1 + s.neuron.w2 * s.neuron.x2 + s.neuron.b));
});
