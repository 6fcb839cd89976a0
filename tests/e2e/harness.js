// Shared by the browser and desktop tests: a loopback static server for build/web/site, Debian's
// Chromium through playwright-core, and a PNG decoder (node's zlib) for pixel statistics.
'use strict';
const { spawn } = require('node:child_process');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.resolve(__dirname, '..', '..');
const site = process.env.NNLAB_SITE || path.join(root, 'build', 'web', 'site');
const { chromium } = require(path.join(root, 'web', 'node_modules', 'playwright-core'));

// Starts scripts/serve.py on a free loopback port; resolves { url, stop }.
function startServer() {
  return new Promise((resolve, reject) => {
    const server = spawn('python3', [path.join(root, 'scripts', 'serve.py'), '--dir', site, '--port', '0'],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({ url: m[0], stop: () => server.kill() });
    });
    server.on('exit', (code) => reject(new Error('server exited with ' + code)));
  });
}

async function launchBrowser() {
  const userDataDir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'nnlab-chromium-'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
      '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--ignore-gpu-blocklist'],
  });
  return { browser, cleanup: async () => { await browser.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); } };
}

// Opens the app at `url` in a new page of `context`, collecting console warnings and errors;
// resolves once the first frame is drawn and the app has drawn three more.
async function openPage(context, url) {
  const page = await context.newPage();
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text()); });
  page.on('pageerror', (e) => warnings.push('pageerror: ' + e.message));
  await page.goto(url);
  await page.evaluate(() => window.nnlab.ready);
  const first = await page.evaluate(() => window.nnlab.state().frames);
  await page.waitForFunction((n) => window.nnlab.state().frames >= n + 3, first);
  return { page, warnings };
}

// Decodes an 8-bit RGB/RGBA non-interlaced PNG into { width, height, channels, pixels }.
function decodePng(buffer) {
  if (buffer.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8, width = 0, height = 0, channels = 0;
  const idat = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('ascii', offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs');
      channels = { 2: 3, 6: 4 }[data[9]];
      if (!channels) throw new Error('only RGB/RGBA PNGs');
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels, pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      pixels[y * stride + x] = v & 255;
    }
  }
  return { width, height, channels, pixels };
}

// How much is on screen: the number of distinct colours (coarsely quantised) and the standard
// deviation of luminance. A blank or single-colour image has ≤ 2 colours and ~0 deviation.
function pixelStats(png) {
  const colours = new Set();
  let sum = 0, sum2 = 0;
  const n = png.width * png.height;
  for (let i = 0; i < n; i++) {
    const r = png.pixels[i * png.channels], g = png.pixels[i * png.channels + 1], b = png.pixels[i * png.channels + 2];
    colours.add((r >> 4) << 8 | (g >> 4) << 4 | (b >> 4));
    const l = 0.299 * r + 0.587 * g + 0.114 * b;
    sum += l; sum2 += l * l;
  }
  const mean = sum / n;
  return { colours: colours.size, stddev: Math.sqrt(Math.max(0, sum2 / n - mean * mean)), mean };
}

// Waits until the app has drawn n more frames.
async function waitFrames(page, n) {
  const now = await page.evaluate(() => window.nnlab.state().frames);
  await page.waitForFunction((f) => window.nnlab.state().frames >= f, now + n);
}

// Clicks a widget like a person (at `at` = [fx, fy] inside it, 0..1): move there, press, release,
// with frames in between (ImGui reads the mouse once per frame). A widget that a click has just
// asked for (a confirmation, a popup) may appear some frames later, as a person would wait for it.
async function clickWidget(page, name, at = [0.5, 0.5]) {
  const shown = await page.waitForFunction((n) => window.nnlab.state().ui[n] !== undefined, name, { timeout: 5000 })
    .then(() => true, () => false);
  const s = await page.evaluate(() => window.nnlab.state());
  assert.ok(shown, `no widget '${name}' on screen: ${Object.keys(s.ui).join(', ')}`);
  const [x0, y0, x1, y1] = s.ui[name].map((v) => v / s.scale);
  const x = x0 + (x1 - x0) * at[0], y = y0 + (y1 - y0) * at[1];
  assert.ok(y < page.viewportSize().height, `'${name}' is below the visible page (y = ${y})`);
  await page.mouse.move(x, y);
  await waitFrames(page, 2);
  await page.mouse.down();
  await waitFrames(page, 2);
  await page.mouse.up();
  await waitFrames(page, 1);
}

// A finger on the page: real touch events through the DevTools protocol (as a phone's screen
// sends them, so the page's own touch handling runs), at the app's framebuffer pixels (the
// rectangles of state().ui) on a page of devicePixelRatio `dpr`.
async function touchscreen(context, page, dpr) {
  const cdp = await context.newCDPSession(page);
  // timestamp: when the event happened (seconds since the epoch); a slow page (software WebGL)
  // handles each event long after the last, so a stroke's speed is given, not left to chance.
  const send = (type, points, timestamp = Date.now() / 1000) => cdp.send('Input.dispatchTouchEvent',
    { type, timestamp, touchPoints: points.map(([x, y]) => ({ x: x / dpr, y: y / dpr, id: 1, radiusX: 6, radiusY: 6, force: 1 })) });
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const finger = {
    down: (x, y, t) => send('touchStart', [[x, y]], t),
    move: (x, y, t) => send('touchMove', [[x, y]], t),
    up: (t) => send('touchEnd', [], t),
    // Press and lift at once (0 ms): the app must still see the press, where it happened.
    async tap(x, y) { await finger.down(x, y); await finger.up(); },
    // Down at points[0], through the others `ms` apart (in the events' times; also waited for),
    // then up (unless keepDown).
    async stroke(points, ms = 16, keepDown = false) {
      const t0 = Date.now() / 1000;
      await finger.down(...points[0], t0);
      for (let i = 1; i < points.length; i++) { await pause(ms); await finger.move(...points[i], t0 + i * ms / 1000); }
      if (!keepDown) await finger.up(t0 + points.length * ms / 1000);
    },
  };
  return finger;
}

module.exports = { root, site, startServer, launchBrowser, openPage, decodePng, pixelStats, waitFrames, clickWidget, touchscreen };
