// "Your turn" end to end: on a phone (390 × 844 CSS px, touch) a learner works the umbrella
// neuron by tapping and typing — a wrong answer, the tool says where it went wrong, then the right
// one, and the next step back is hidden — in English and in Chinese; and the desktop app under
// Xvfb takes the same answers through its command line. Screenshots: build/e2e/practice-*.png.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { root, startServer, launchBrowser, openPage, waitFrames, touchscreen } = require('./harness');
const { desktopEnv } = require('./desktop_env');

const shots = path.join(root, 'build', 'e2e');
fs.mkdirSync(shots, { recursive: true });
const desktop = process.env.NNLAB_DESKTOP || path.join(root, 'build', 'native', 'nnlab');
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };
const centre = ([x0, y0, x1, y1]) => [(x0 + x1) / 2, (y0 + y1) / 2];

let server, browser, cleanup;
test.before(async () => {
  server = await startServer();
  ({ browser, cleanup } = await launchBrowser());
});
test.after(async () => { await cleanup?.(); server?.stop(); });

// What each language says where the umbrella's answers go wrong (the diagnosis, not just "no").
const SAYS = {
  en: { relu: /ReLU keeps only what is above 0/, input: /You used x₂ = 10; x₂ is 1\./, right: /^Right: a = 0/ },
  zh: { relu: /ReLU 只保留大于 0 的值/, input: /你用了 x₂ = 10；x₂ 是 1。/, right: /^对了：a = 0/ },
};

for (const lang of ['en', 'zh']) {
  test(`phone (${lang}): Your turn on the umbrella, by touch and typing — a wrong answer is told where, then the right one`, async () => {
    const context = await browser.newContext(PHONE);
    const { page, warnings } = await openPage(context, `${server.url}#view=neuron&lang=${lang}`);
    await waitFrames(page, 3);
    const state = () => page.evaluate(() => window.nnlab.state());
    let s = await state();
    const finger = await touchscreen(context, page, s.scale);
    assert.ok(s.ui['practice toggle'], 'the Your turn button is there');
    assert.equal(s.neuron.practice.on, false);
    await finger.tap(...centre(s.ui['practice toggle']));
    await page.waitForFunction(() => window.nnlab.state().neuron.practice.on, null, { timeout: 5000 })
      .catch(() => assert.fail('a tap on Your turn turns it on'));
    await waitFrames(page, 3);
    s = await state();
    const p0 = s.neuron.practice;
    assert.equal(p0.hidden_steps.length, 1, 'backward fading: the last step is hidden first');
    const asked = p0.step;
    // Every control of the panel inside the screen and a finger's height.
    const k = 1 / s.scale;
    for (const name of ['practice toggle', 'practice export', 'problem umbrella-z', 'practice field', 'practice check', 'practice show']) {
      const r = s.ui[name].map((v) => v * k);
      assert.ok(r[0] >= -0.5 && r[2] <= PHONE.viewport.width + 0.5, `${name} inside the screen: ${r.map(Math.round)}`);
      assert.ok(r[3] - r[1] >= 43.5, `${name} is ${Math.round(r[3] - r[1])} px tall`);
    }

    async function type(text) {
      // A new step asked scrolls the column: aim at where the field is now, and tap again (as a
      // person would) if the column was still moving and the keyboard did not come up.
      let st = null, opened = false;
      for (let tries = 0; tries < 3 && !opened; tries++) {
        await waitFrames(page, 3);
        st = await state();
        const field = st.ui['practice field'];
        await finger.tap(field[0] + 20, (field[1] + field[3]) / 2);
        opened = await page.waitForSelector('#text-field:not([hidden])', { timeout: 3000 }).then(() => true, () => false);
      }
      assert.ok(opened, 'a tap on the answer field opens the keyboard');
      await page.fill('#text-field', text);
      await page.waitForFunction((t) => window.nnlab.state().input.text_field?.text === t, text, { timeout: 5000 })
        .catch(() => assert.fail(`"${text}" typed into the answer field`));
      const attempts = st.neuron.practice.attempts;
      await page.press('#text-field', 'Enter');
      await page.waitForFunction((n) => window.nnlab.state().neuron.practice.attempts > n, attempts, { timeout: 5000 })
        .catch(() => assert.fail(`Enter in the field checks "${text}"`));
      await waitFrames(page, 2);
      return (await state()).neuron.practice;
    }

    // a = ReLU(z) with z = −2: "−2" is z itself, where ReLU keeps only what is above 0.
    let p = await type('-2');
    assert.equal(p.right, false);
    assert.match(p.feedback, SAYS[lang].relu);
    assert.equal(p.hidden_steps.length, 1, 'a wrong answer hides nothing more');
    await page.screenshot({ path: path.join(shots, `practice-phone-wrong-${lang}.png`) });
    p = await type('0');
    assert.equal(p.right, true, p.feedback);
    assert.match(p.feedback, SAYS[lang].right);
    assert.equal(p.status[asked], 'solved');
    assert.equal(p.hidden_steps.length, 2, 'a right answer hides one more step from the end');
    assert.ok(p.step < asked, 'the step before is asked now');
    // z = w₁x₁ + w₂x₂ + b = −2; 16 is what x₂ = 10 in place of 1 gives.
    p = await type('16');
    assert.equal(p.right, false);
    assert.match(p.feedback, SAYS[lang].input);
    await page.screenshot({ path: path.join(shots, `practice-phone-where-${lang}.png`) });
    p = await type('−2');
    assert.equal(p.right, true, p.feedback);
    assert.equal(p.hidden_steps.length, 3);
    assert.deepEqual(p.progress.umbrella, { attempted: 2, solved: 0 }, 'progress: 2 questions tried, none right the first time');
    await page.screenshot({ path: path.join(shots, `practice-phone-right-${lang}.png`) });
    // Take it away: the Markdown button's command puts the worked calculation, in this language, on
    // the clipboard (the page keeps the text it copied; the button is scrolled away up the column).
    assert.equal(await page.evaluate(() => window.nnlab.command('export markdown')), '');
    await page.waitForFunction(() => (window.Module.nnlabClipboard || '').length > 0, null, { timeout: 5000 })
      .catch(() => assert.fail('export markdown copies'));
    const md = await page.evaluate(() => window.Module.nnlabClipboard);
    assert.match(md, /\$\$z = \(-0\.5 \\times\s+10\) \+ \(2 \\times\s+1\) \+ 1 = -5 \+ 2 \+ 1 = -2\$\$/);
    assert.match(md, lang === 'zh' ? /精确值/ : /exact value/);
    assert.deepEqual(warnings.filter((w) => !/GL Driver Message/.test(w)), []);
    await context.close();
  });
}

test('desktop under Xvfb: practice on, a wrong answer and the right one by command; the screenshot shows the faded steps', () => {
  const file = path.join(shots, 'practice-desktop.png');
  fs.rmSync(file, { force: true });
  const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', desktop, '--frames', '6', '--size', '1280x800',
    '--link', '#view=neuron', '--command', 'practice on', '--command', 'answer 0', '--command', 'answer 16',
    '--state', '--screenshot', file], { encoding: 'utf8', timeout: 60000, env: desktopEnv() });
  assert.equal(r.status, 0, r.stderr);
  const p = JSON.parse(r.stdout.trim().split('\n').pop()).neuron.practice;
  assert.equal(p.on, true);
  assert.equal(p.solved, 1);
  assert.equal(p.attempts, 2);
  assert.match(p.feedback, /You used x₂ = 10; x₂ is 1\./);
  assert.ok(fs.statSync(file).size > 10000, 'a screenshot');
});
