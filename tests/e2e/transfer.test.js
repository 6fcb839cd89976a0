// Page transfer (target: ≤ 3 MB): everything the page downloads — html, css, js, the gzipped
// wasm and the gzipped MNIST digits — sums to ≤ 3 MB, the digits reach the app, and the time to
// the first frame on loopback is measured. Writes build/e2e/transfer.json (for docs/benchmarks.md).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { root, site, startServer, launchBrowser } = require('./harness');

const kBudget = 3_000_000;  // bytes: "the whole page transfers ≤ 3 MB"
const kLoads = 3;           // fresh loads (no cache between browser contexts) for the timing

let server, browser, cleanup;
test.before(async () => {
  server = await startServer();
  ({ browser, cleanup } = await launchBrowser());
});
test.after(async () => { await cleanup?.(); server?.stop(); });

// One fresh load: every response's encoded body and header sizes, the time to the first frame
// (performance.now() at Module.onFirstFrame, i.e. since navigation started), and window.nnlab.data.
async function load() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const finished = [];
  page.on('requestfinished', (request) => finished.push(request));
  const logs = [];
  page.on('console', (m) => logs.push(m.type() + ': ' + m.text()));
  await page.goto(server.url);
  await page.evaluate(() => window.nnlab.ready);
  await page.waitForFunction(() => window.nnlab.data.delivered || window.nnlab.data.message !== '', null, { timeout: 60_000 });
  const result = await page.evaluate(() => {
    const s = window.nnlab.state();
    return { firstFrameMs: window.nnlab.firstFrameMs, data: window.nnlab.data, lab: s.mnist && s.mnist.data };
  });
  const files = [];
  for (const request of finished) {
    const sizes = await request.sizes();
    const url = request.url().replace(server.url, ''), status = (await request.response())?.status();
    // Chromium reports no body size for a worker's own script: count the file that was served.
    const served = path.join(site, url.split('?')[0]);
    const body = sizes.responseBodySize === 0 && status === 200 && url && fs.existsSync(served)
      ? fs.statSync(served).size : sizes.responseBodySize;
    files.push({ url, status, body, headers: sizes.responseHeadersSize });
  }
  await context.close();
  return { ...result, files, logs };
}

test('the page transfers ≤ 3 MB, the MNIST digits reach the app, first frame timed', async () => {
  const expected = JSON.parse(fs.readFileSync(path.join(site, '..', 'mnist-embedded.json'), 'utf8'));
  const loads = [];
  for (let i = 0; i < kLoads; i++) loads.push(await load());
  const first = loads[0];

  const body = first.files.reduce((s, f) => s + f.body, 0);
  const headers = first.files.reduce((s, f) => s + f.headers, 0);
  const byName = Object.fromEntries(first.files.map((f) => [f.url, f.body]));
  // The compressed copies were used: the raw wasm and the raw pack never travel.
  assert.ok(byName['nnlab.wasm.gz'] > 0, 'nnlab.wasm.gz downloaded: ' + JSON.stringify(byName));
  assert.equal(byName['nnlab.wasm'], undefined, 'the uncompressed nnlab.wasm was not needed');
  assert.ok(byName['nnlab-trainer.wasm.gz'] > 0, 'the training worker loaded its module: ' + JSON.stringify(byName));
  assert.equal(byName['mnist-embedded.bin.gz'], fs.statSync(path.join(site, 'mnist-embedded.bin.gz')).size);
  assert.ok(body + headers <= kBudget, `page transferred ${body} body + ${headers} header bytes > ${kBudget}`);

  // The digits arrived whole and the app took them.
  for (const l of loads) {
    assert.equal(l.data.delivered, true, 'digits delivered: ' + l.data.message + '\n' + l.logs.join('\n'));
    assert.equal(l.data.bytes, expected.pack_bytes);
    assert.equal(l.data.gzBytes, byName['mnist-embedded.bin.gz']);
  }
  if (first.lab) {  // the MNIST lab's own view of its data, once that view exists
    assert.equal(first.data.message, '', 'the lab accepted the digits');
    assert.equal(first.lab.ready, true);
    assert.equal(first.lab.train_total, expected.train_count);
    assert.equal(first.lab.test_count, expected.test_count);
  } else {
    assert.ok(first.logs.some((l) => l.includes('mnist-embedded.bin')), first.logs.join('\n'));
  }

  const times = loads.map((l) => l.firstFrameMs).sort((a, b) => a - b);
  const report = {
    files: first.files.map(({ url, body: b }) => ({ url, bytes: b })),
    body_bytes: body, header_bytes: headers, total_bytes: body + headers, budget_bytes: kBudget,
    first_frame_ms: times, first_frame_median_ms: times[Math.floor(times.length / 2)],
    data_ready_ms: loads.map((l) => l.data.ms),
    app_message: first.data.message, lab_data: first.lab || null,
  };
  fs.mkdirSync(path.join(root, 'build', 'e2e'), { recursive: true });
  fs.writeFileSync(path.join(root, 'build', 'e2e', 'transfer.json'), JSON.stringify(report, null, 2) + '\n');
  console.log('# transfer: ' + JSON.stringify(report));
  assert.ok(report.first_frame_median_ms <= 1500, `first frame after ${report.first_frame_median_ms} ms (target ≤ 1500)`);
});
