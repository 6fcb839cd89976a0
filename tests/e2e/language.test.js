// Two languages end to end: every view opened in Chinese in the browser and on the desktop, the
// language switch and its round trip through a link, the page's own texts, and what Chinese costs
// on the wire (the font is fetched only when Chinese is shown). Screenshots of every view in
// Chinese land in build/e2e/ (docs/screenshots/ keeps copies).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { root, site, startServer, launchBrowser, openPage, decodePng, pixelStats } = require('./harness');

const shots = path.join(root, 'build', 'e2e');
fs.mkdirSync(shots, { recursive: true });
const desktop = process.env.NNLAB_DESKTOP || path.join(root, 'build', 'native', 'nnlab');
const kViews = ['neuron', 'network', 'backprop', 'mnist', 'concepts'];

// Latin words of 3+ letters that a Chinese screen may still show: names, symbols and code.
const kKeptInLatin = new Set(['relu', 'leaky', 'tanh', 'sigmoid', 'softmax', 'mnist', 'fashion', 'adam', 'sgd',
  'nnlab', 'max', 'min', 'exp', 'log', 'argmax', 'fps', 'simd', 'wasm128', 'avx512', 'avx2', 'sse', 'scalar',
  'json', 'idx', 'step', 'identity', 'mse', 'bce', 'pytorch', 'weight_decay', 'english', 'truetype', 'eta',
  'momentum', 'mazur', 'nan', 'inf']);
function englishWords(text) {
  return (text.replace(/\{[a-z0-9_]+\}/g, ' ').match(/[A-Za-z][A-Za-z_0-9′]*/g) || [])
    .map((w) => w.replace(/′+$/, '')).filter((w) => w.length >= 3 && !kKeptInLatin.has(w.toLowerCase()));
}

let server, browser, cleanup;
test.before(async () => {
  server = await startServer();
  ({ browser, cleanup } = await launchBrowser());
});
test.after(async () => { await cleanup?.(); server?.stop(); });

function assertNotBlank(file) {
  const stats = pixelStats(decodePng(fs.readFileSync(file)));
  assert.ok(stats.colours > 30 && stats.stddev > 8, `${file} looks blank: ${JSON.stringify(stats)}`);
}

// Every string the app reports in state() for a view, walked recursively.
function strings(value, out = []) {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

test('browser: every view in Chinese from the first frame (lang=zh), numbers as in English', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  for (const view of kViews) {
    const { page } = await openPage(context, server.url + `#view=${view}&lang=zh`);
    const s = await page.evaluate(() => window.nnlab.state());
    assert.equal(s.lang, 'zh', `${view}: state().lang`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.match(await page.evaluate(() => document.title), /神经网络/);
    if (view === 'mnist') await page.waitForFunction(() => window.nnlab.state().mnist.data.ready, null, { timeout: 60_000 });
    const file = path.join(shots, `web-${view}-zh.png`);
    await page.screenshot({ path: file });
    assertNotBlank(file);
    await page.close();
  }
  // The same situation in English computes the same numbers (only the words differ).
  const { page: en } = await openPage(context, server.url + '#view=neuron&lang=en');
  const { page: zh } = await openPage(context, server.url + '#view=neuron&lang=zh');
  const [a, b] = await Promise.all([en, zh].map((p) => p.evaluate(() => window.nnlab.state().neuron)));
  assert.deepEqual([b.z, b.a, b.terms], [a.z, a.a, a.terms]);
  assert.notEqual(b.decision, a.decision);
  assert.deepEqual(englishWords(b.decision), []);
  await context.close();
});

test('browser: the lesson steps and the glossary are Chinese; no English word left in them', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page } = await openPage(context, server.url + '#view=backprop&lesson=backprop-coat&lang=zh');
  const s = await page.evaluate(() => window.nnlab.state());
  const texts = s.backprop.steps.flatMap((t) => [t.explanation, t.symbolic]).concat([s.backprop.title]);
  for (const t of texts) assert.deepEqual(englishWords(t), [], t);
  assert.ok(texts.some((t) => /反向传播|梯度|偏置/.test(t)));
  const glossary = s.concepts.glossary;
  assert.ok(glossary.length >= 29, 'the glossary lists every term');
  assert.ok(glossary.some((g) => g.zh === '交叉熵' && /cross-entropy/i.test(g.en)));
  await context.close();
});

test('browser: the switch changes the language, the link carries it, and the link opens it again', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page } = await openPage(context, server.url + '#view=concepts&lang=en');
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  let s = await page.evaluate(() => window.nnlab.state());
  assert.equal(s.lang, 'en');
  const zh = s.ui['lang zh'];
  assert.ok(zh, 'the switch is on screen: ' + Object.keys(s.ui).filter((k) => k.startsWith('lang')));
  await page.mouse.click((zh[0] + zh[2]) / 2, (zh[1] + zh[3]) / 2);
  await page.waitForFunction(() => window.nnlab.state().lang === 'zh', null, { timeout: 30_000 });
  assert.ok(fetched.some((u) => u.endsWith('ui-zh.ttf.gz')), 'the Chinese font was fetched on demand');
  s = await page.evaluate(() => window.nnlab.state());
  assert.match(s.link, /[#&]lang=zh(&|$)/);
  assert.equal(await page.evaluate(() => localStorage.getItem('nnlab.lang')), 'zh', 'the choice is remembered');
  // The stored choice opens the next visit in Chinese, even without lang= in the link.
  const { page: again } = await openPage(context, server.url + '#view=neuron');
  assert.equal((await again.evaluate(() => window.nnlab.state())).lang, 'zh');
  // The link, in a browser that never chose: Chinese.
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page: opened } = await openPage(fresh, server.url + s.link);
  assert.equal((await opened.evaluate(() => window.nnlab.state())).lang, 'zh');
  // And back: the command, then the other button.
  assert.equal(await opened.evaluate(() => window.nnlab.command('lang en')), '');
  await opened.waitForFunction(() => window.nnlab.state().lang === 'en');
  assert.match(await opened.evaluate(() => window.nnlab.command('lang xx')), /en|zh/);
  await fresh.close();
  await context.close();
});

test('browser: a Chinese browser gets Chinese by default; the page screens speak it too', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const { page } = await openPage(context, server.url + '#view=neuron');
  assert.equal((await page.evaluate(() => window.nnlab.state())).lang, 'zh');
  assert.match(await page.evaluate(() => document.getElementById('loading-text').textContent), /^正在/);
  assert.match(await page.evaluate(() => document.title), /神经网络/);
  await context.close();
  const english = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  const { page: en } = await openPage(english, server.url + '#view=neuron');
  assert.equal((await en.evaluate(() => window.nnlab.state())).lang, 'en');
  await english.close();
});

// One fresh load in `lang`: bytes on the wire, whether the font came, the first frame's time.
async function load(lang) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const finished = [];
  page.on('requestfinished', (r) => finished.push(r));
  await page.goto(server.url + `#view=neuron&lang=${lang}`);
  await page.evaluate(() => window.nnlab.ready);
  const first = await page.evaluate(() => ({ ms: window.nnlab.firstFrameMs, lang: window.nnlab.state().lang }));
  let bytes = 0, font = 0;
  for (const r of finished) {
    const size = (await r.sizes()).responseBodySize;
    bytes += size;
    if (r.url().endsWith('ui-zh.ttf.gz')) font += size || fs.statSync(path.join(site, 'ui-zh.ttf.gz')).size;
  }
  await context.close();
  return { ...first, bytes, font };
}

test('the wire: English never fetches the Chinese font; Chinese adds ≤ 400 KB and its first frame is Chinese', async () => {
  const en = [], zh = [];
  for (let i = 0; i < 3; i++) {
    en.push(await load('en'));
    zh.push(await load('zh'));
  }
  for (const l of en) assert.equal(l.font, 0, 'no Chinese font for English');
  for (const l of zh) {
    assert.equal(l.lang, 'zh', 'the first frame is already Chinese');
    assert.ok(l.font > 0 && l.font <= 400_000, `the Chinese font costs ${l.font} bytes`);
  }
  const median = (xs) => xs.slice().sort((a, b) => a - b)[1];
  const result = { en_first_frame_ms: en.map((l) => l.ms), zh_first_frame_ms: zh.map((l) => l.ms),
    zh_font_bytes: zh[0].font, zh_first_frame_median_ms: median(zh.map((l) => l.ms)) };
  fs.writeFileSync(path.join(shots, 'language.json'), JSON.stringify(result, null, 1));
  console.log('# language: ' + JSON.stringify(result));
  assert.ok(result.zh_first_frame_median_ms <= 1500, `first Chinese frame after ${result.zh_first_frame_median_ms} ms`);
});

test('desktop: LANG=zh_CN.UTF-8 opens every view in Chinese; LANG=en keeps English', () => {
  const config = fs.mkdtempSync(path.join(os.tmpdir(), 'nnlab-config-'));  // no stored choice
  const env = { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '', XDG_CONFIG_HOME: config };
  for (const view of kViews) {
    const file = path.join(shots, `desktop-${view}-zh.png`);
    const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', desktop, '--frames', view === 'mnist' ? '30' : '8',
      '--size', '1280x800', '--screenshot', file, '--state', '--link', `#view=${view}`], { encoding: 'utf8', timeout: 90_000, env });
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout.trim().split('\n').pop());
    assert.equal(s.lang, 'zh', view);
    assertNotBlank(file);
  }
  const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', desktop, '--frames', '3', '--state'],
    { encoding: 'utf8', timeout: 60_000, env: { ...env, LANG: 'en_GB.UTF-8' } });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout.trim().split('\n').pop()).lang, 'en');
  fs.rmSync(config, { recursive: true, force: true });
});
