// nnlab's input in the page, handed to the app (src/platform/web_input.cpp):
//  - Pointer Events on the canvas for mouse, pen and touch. Emscripten 3.1.6's GLFW reads a touch's
//    position from a field only SDL fills (a tap pressed where the last one was) and lets the
//    browser's emulated mouse events press a second time: here each contact's position is sent
//    before its press, every pointerdown is preventDefault-ed, and only the first finger counts.
//  - The wheel: one notch (100 px, 3 lines) is 1 ImGui wheel step and +y is up (GLFW passed the DOM's
//    pixels with the DOM's sign: inverted and a hundred times too far); a trackpad's small pixel
//    deltas scroll smoothly; Ctrl+wheel (and a trackpad's pinch) stays the browser's zoom.
//  - The on-screen keyboard: when a text field is being edited with a finger, a real DOM input lies
//    over it and has the focus, so the phone's keyboard opens; its text goes into the field, and
//    Enter or leaving it commits the field as typing on a desktop does.
// window.nnlabInput is the app's side of it: showField / hideField / textCursor (web_input.cpp),
// start() once the app runs (web/shell.js).
'use strict';
(function () {
  const canvas = document.getElementById('canvas');
  let running = false;
  const KIND = { mouse: 0, touch: 1, pen: 2 };

  function toCanvas(e) {
    const r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * (canvas.width / r.width), (e.clientY - r.top) * (canvas.height / r.height)];
  }
  const mods = (e) => (e.ctrlKey ? 1 : 0) | (e.shiftKey ? 2 : 0) | (e.altKey ? 4 : 0) | (e.metaKey ? 8 : 0);
  // type: 0 move, 1 down, 2 up, 3 leave; button: 0 primary, 1 secondary, 2 middle (the bits of e.buttons).
  function send(e, type, button) {
    const [x, y] = toCanvas(e);
    Module._nnlab_pointer(KIND[e.pointerType] ?? 0, type, x, y, button, mods(e), e.timeStamp);
  }
  let contact = null;  // the finger or pen followed (the first one down); null: none down
  let buttons = 0;     // its buttons as last sent
  // The position first, then each button that changed (the app's queue keeps them a frame apart
  // where ImGui needs it, so a 0 ms tap still presses and releases, where the finger is).
  function follow(e, list) {
    for (const c of list) send(c, 0, 0);
    const now = e.type === 'pointerup' ? 0 : e.buttons & 7;
    for (let b = 0; b < 3; b++) {
      const bit = 1 << b;
      if ((now & bit) !== (buttons & bit)) send(e, now & bit ? 1 : 2, b);
    }
    buttons = now;
  }
  const mine = (e) => running && (contact === null || e.pointerId === contact);

  canvas.addEventListener('pointerdown', (e) => {
    e.preventDefault();  // no emulated mouse events, no second press, no text selection
    if (!mine(e)) return;
    if (e.pointerType !== 'mouse') contact = e.pointerId;
    if (fieldShown && document.activeElement === field) field.blur();  // a tap elsewhere leaves the field
    if (document.activeElement !== canvas) canvas.focus({ preventScroll: true });
    try { canvas.setPointerCapture(e.pointerId); } catch (err) { /* already released */ }
    follow(e, [e]);
  }, { passive: false });
  canvas.addEventListener('pointermove', (e) => {
    if (!mine(e)) return;
    if (e.pointerType === 'touch' && contact !== e.pointerId) return;  // a finger not down on the canvas
    const list = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    follow(e, list.length ? list : [e]);  // all of a fast stroke's points (the draw pad)
  });
  canvas.addEventListener('pointerup', (e) => {
    if (!mine(e) || (e.pointerType !== 'mouse' && contact !== e.pointerId)) return;
    follow(e, [e]);
    if (e.pointerType !== 'mouse') {
      if (nnlabInput.textCursor && !fieldShown) prefocusField(e);
      contact = null;
    }
  });
  canvas.addEventListener('pointercancel', (e) => {  // the browser took the pointer: no click
    if (!mine(e)) return;
    send(e, 3, 0);
    for (let b = 0; b < 3; b++) if (buttons & (1 << b)) send(e, 2, b);
    buttons = 0;
    contact = null;
  });
  canvas.addEventListener('pointerleave', (e) => {  // a mouse or pen hovering away: no hover left
    if (running && e.pointerType !== 'touch' && !buttons) {
      send(e, 3, 0);
      if (contact === e.pointerId) contact = null;  // a pen
    }
  });
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());  // a long press is the app's

  let lastWheelAt = null;
  canvas.addEventListener('wheel', (e) => {
    if (!running || e.ctrlKey) return;  // Ctrl+wheel and pinch: the page's zoom
    e.preventDefault();
    const [x, y] = toCanvas(e);
    if (!lastWheelAt || lastWheelAt[0] !== x || lastWheelAt[1] !== y) {
      Module._nnlab_pointer(0, 0, x, y, 0, mods(e), e.timeStamp);  // the wheel goes to the window under it
      lastWheelAt = [x, y];
    }
    const step = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 3 : 1 / 100;  // lines, pages, pixels
    // Shift+wheel: some browsers already turn it sideways; ImGui turns the vertical wheel sideways
    // itself when Shift is held, so it gets the vertical one.
    const [dx, dy] = e.shiftKey && !e.deltaY ? [0, e.deltaX] : [e.deltaX, e.deltaY];
    Module._nnlab_wheel(-dx * step, -dy * step);
  }, { passive: false });

  // ---- the on-screen keyboard's DOM input ------------------------------------------------------
  const field = document.createElement('input');
  field.id = 'text-field';
  field.type = 'text';
  field.autocomplete = 'off';
  field.spellcheck = false;
  field.setAttribute('autocapitalize', 'off');
  field.setAttribute('autocorrect', 'off');
  field.setAttribute('enterkeyhint', 'done');
  field.hidden = true;
  document.body.appendChild(field);
  let fieldShown = false, quiet = false, prefocused = false;
  const textField = (what, text = '') => Module.ccall('nnlab_text_field', null, ['number', 'string'], [what, text]);
  // GLFW listens for keys on the window, capturing: what is typed into the field is the field's
  // (registered before GLFW's listeners, this one stops them); Enter, Escape and Tab go to the app.
  for (const type of ['keydown', 'keypress', 'keyup']) {
    window.addEventListener(type, (e) => {
      if (e.target !== field) return;
      e.stopImmediatePropagation();
      const what = { Enter: 1, Escape: 2, Tab: e.shiftKey ? 4 : 3 }[e.key];
      if (what && fieldShown) {
        e.preventDefault();
        if (type === 'keydown') textField(what);
      }
    }, true);
  }
  field.addEventListener('input', () => { if (fieldShown) textField(0, field.value); });
  field.addEventListener('blur', () => { if (fieldShown && !quiet) textField(5); });

  function toCss(x, y) {
    const r = canvas.getBoundingClientRect();
    return [r.left + x * (r.width / canvas.width), r.top + y * (r.height / canvas.height)];
  }
  function place(left, top, width, height) {
    Object.assign(field.style, { left: left + 'px', top: top + 'px', width: width + 'px', height: height + 'px' });
  }
  function blurQuietly() {
    quiet = true;
    field.blur();
    quiet = false;
    field.hidden = true;
  }
  // iOS opens its keyboard only for a focus() inside the user's gesture: when the finger lifts from
  // a text field, focus the input at once, at the finger; the app then places it (showField) or,
  // if no field became active, it goes away again.
  function prefocusField(e) {
    place(e.clientX - 40, e.clientY - 14, 80, 28);
    field.value = '';
    field.hidden = false;
    prefocused = true;
    field.focus({ preventScroll: true });
    setTimeout(() => { if (prefocused && !fieldShown) blurQuietly(); prefocused = false; }, 700);
  }

  window.nnlabInput = {
    textCursor: false,  // the app shows a text cursor: a text field is under the pointer
    start() { running = true; },
    // A text field is being edited (framebuffer pixels): cover it; `same`: the same field moved.
    showField(x0, y0, x1, y1, text, numeric, same) {
      const [l, t] = toCss(x0, y0), [r, b] = toCss(x1, y1);
      place(l, t, r - l, b - t);
      const typed = prefocused && field.value !== '';  // typed before the app placed it: kept
      if (!same || !fieldShown) {
        if (!typed) field.value = text;
        field.inputMode = numeric ? 'decimal' : 'text';
      }
      field.hidden = false;
      fieldShown = true;
      prefocused = false;
      if (typed) textField(0, field.value);
      if (document.activeElement !== field) {
        field.focus({ preventScroll: true });
        field.setSelectionRange(field.value.length, field.value.length);
      }
    },
    hideField() {
      fieldShown = false;
      blurQuietly();
      if (document.activeElement === document.body) canvas.focus({ preventScroll: true });
    },
  };
})();
