// Bad input in the browser: the page stays alive, the trained network and its settings stay as
// they were, and a message is on screen — for a binary file opened as a model, gzip bombs opened
// as IDX digits (inflated by the page, web/shell.js), and a snapshot of garbage from the training
// worker. Then the page's last resort: when the module aborts anyway, it says so and offers to
// reload. In English and in Chinese.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const zlib = require('node:zlib');
const { startServer, launchBrowser, openPage } = require('./harness');

let server, browser, cleanup;
test.before(async () => {
  server = await startServer();
  ({ browser, cleanup } = await launchBrowser());
});
test.after(async () => { await cleanup?.(); server?.stop(); });

const state = (page) => page.evaluate(() => window.nnlab.state());

// A gzip stream of `header` then `zeros` zero bytes, made in pieces (1 GB never sits in memory).
function gzipBomb(header, zeros) {
  const gz = zlib.createGzip({ level: 9 });
  const out = [];
  gz.on('data', (c) => out.push(c));
  return new Promise((resolve) => {
    gz.on('end', () => resolve(Buffer.concat(out)));
    gz.write(header);
    const piece = Buffer.alloc(16 << 20);
    let left = zeros;
    const more = () => {
      while (left > 0) {
        const n = Math.min(left, piece.length);
        left -= n;
        if (!gz.write(n === piece.length ? piece : piece.subarray(0, n))) return gz.once('drain', more);
      }
      gz.end();
    };
    more();
  });
}

function idxImagesHeader(count, side) {
  const h = Buffer.alloc(16);
  h.writeUInt32BE(0x803, 0), h.writeUInt32BE(count, 4), h.writeUInt32BE(side, 8), h.writeUInt32BE(side, 12);
  return h;
}

// What must not change: the network (its step and the accuracy it reached) and the settings.
const kept = (s) => JSON.stringify({ step: s.mnist.training.step, history: s.mnist.training.history,
  arch: s.mnist.architecture, settings: s.mnist.settings, data: s.mnist.data.name });

async function trainedLab(context, lang) {
  const { page, warnings } = await openPage(context, `${server.url}#view=mnist&arch=784-16-10&lang=${lang}`);
  await page.waitForFunction(() => window.nnlab.state().mnist.data.ready, null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => window.nnlab.command('train start')), '');
  await page.waitForFunction(() => window.nnlab.state().mnist.training.step >= 40, null, { timeout: 60000 });
  assert.equal(await page.evaluate(() => window.nnlab.command('train pause')), '');
  await page.waitForFunction(() => !window.nnlab.state().mnist.training.running, null, { timeout: 20000 });
  const frames = (await state(page)).frames;
  await page.waitForFunction((n) => window.nnlab.state().frames >= n + 5, frames);  // the last snapshot is in
  return { page, warnings };
}

async function openBytes(page, name, bytes) {
  const before = (await state(page)).frames;
  await page.evaluate(([n, b64]) => {
    const bin = atob(b64), bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return window.nnlab.openFiles([new File([bytes], n)]);
  }, [name, Buffer.from(bytes).toString('base64')]);
  await page.waitForFunction((n) => window.nnlab.state().frames >= n + 3, before);
  return state(page);
}

let bomb, liar;
test.before(async () => {
  // 1 GB of blank "images" behind a header that announces 1,300,000 of them (1 GB), and the same
  // bytes behind a header that announces one image only.
  bomb = await gzipBomb(idxImagesHeader(1_300_000, 28), 1_000_000_000);
  liar = await gzipBomb(idxImagesHeader(1, 28), 1_000_000_000);
});

for (const lang of ['en', 'zh']) {
  test(`browser (${lang}): a binary model file, two 1 GB gzip bombs and a garbage snapshot leave the page, the network and the settings as they were`, { timeout: 240000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page } = await trainedLab(context, lang);
    const start = await state(page);
    const before = kept(start);
    const chinese = /[\u4e00-\u9fff]/;

    // a "model" of binary bytes, 0xFE first (once the fault that stopped the page)
    let s = await openBytes(page, 'model.json', [0xfe, 0x00, 0xff, 0x80, 0x1f, 0x8b, 0x08]);
    assert.ok(s.notice_is_error, 'a refusal is shown: ' + s.notice);
    assert.match(s.notice, /model\.json/);
    if (lang === 'zh') assert.match(s.notice, chinese, s.notice);
    assert.equal(kept(s), before, 'the network and settings are untouched');

    // the gzip bombs: 0.99 MB each, 1 GB inflated; the page stops inflating at what the header allows
    assert.ok(bomb.length < 1_500_000 && liar.length < 1_500_000, `${bomb.length} / ${liar.length} bytes`);
    for (const [name, bytes] of [['train-images-idx3-ubyte.gz', bomb], ['t10k-images-idx3-ubyte.gz', liar]]) {
      const t0 = Date.now();
      s = await openBytes(page, name, bytes);
      await page.waitForFunction(() => window.nnlab.state().notice_is_error, null, { timeout: 60000 });
      s = await state(page);
      assert.match(s.notice, /idx3-ubyte/, s.notice);
      if (lang === 'zh') assert.match(s.notice, chinese, s.notice);
      assert.equal(kept(s), before, `${name}: the network, its data and settings are untouched`);
      assert.ok(Date.now() - t0 < 60000);
      const heap = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize : 0));
      assert.ok(heap < 600e6, `the page's heap stays small: ${heap}`);
    }

    // a snapshot of garbage from the worker, as if it had sent one
    const notice = s.notice;
    await page.evaluate(() => {
      const junk = new Uint8Array(4096);
      for (let i = 0; i < junk.length; i++) junk[i] = (i * 2654435761) >>> 24;
      window.Module.nnlabTraining.latest = junk.buffer;
    });
    const frames = (await state(page)).frames;
    await page.waitForFunction((n) => window.nnlab.state().frames >= n + 5, frames);
    s = await state(page);
    assert.equal(kept(s), before, 'a garbage snapshot changes nothing');
    const said = s.mnist.training.message;
    assert.ok(said && said !== notice, 'the lab says it refused the snapshot: ' + said);
    if (lang === 'zh') assert.match(said, chinese, said);
    // and the page still works: it trains on
    assert.equal(await page.evaluate(() => window.nnlab.command('train step')), '');
    await page.waitForFunction((n) => window.nnlab.state().mnist.training.step > n, start.mnist.training.step, { timeout: 30000 });

    // the last resort: a fault in the module — the error event a WebAssembly trap raises (the test
    // cannot make the app fault, so it raises the event itself); the page says so and offers to reload
    await page.evaluate(() => {
      const error = new WebAssembly.RuntimeError('memory access out of bounds');
      window.dispatchEvent(new ErrorEvent('error', { error, message: 'Uncaught RuntimeError: memory access out of bounds' }));
    });
    await page.waitForSelector('#error-reload:not([hidden])', { timeout: 10000 });
    const shown = await page.evaluate(() => [document.getElementById('error-title').textContent,
      document.getElementById('error-text').textContent, document.getElementById('error-reload').textContent]);
    assert.ok(shown.every((t) => t.length > 0), JSON.stringify(shown));
    if (lang === 'zh') assert.match(shown.join(' '), chinese, JSON.stringify(shown));
    await Promise.all([page.waitForNavigation(), page.click('#error-reload')]);
    await page.waitForFunction(() => window.nnlab && window.nnlab.ready, null, { timeout: 60000 });
    await page.evaluate(() => window.nnlab.ready);
    s = await state(page);
    assert.equal(s.view, 'mnist');
    assert.equal(s.mnist.architecture, start.mnist.architecture, 'the settings come back with the reload');
    await context.close();
  });
}
