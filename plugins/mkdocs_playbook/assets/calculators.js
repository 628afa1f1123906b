// Live capacity calculators.
//
// The build (Python) parses every formula into a JSON expression tree, validates it and renders
// the default results into the page; this module only evaluates that tree again as the reader
// types, with calculator-math.js (the same rules as plugins/mkdocs_playbook/calculators/).
//
// Each calculator is a <form data-calculator="ID" data-spec="JSON">. Its inputs live in the page's
// query string as ID.INPUT=TEXT (and ID.bytes=binary), so several calculators on a page never
// clash.

import { evaluateAll, formatValue, parseInput, termText } from "./calculator-math.js";
import { showData, showText } from "./dom.js";
import { onEveryPage } from "./on-every-page.js";

// --- The widget -------------------------------------------------------------------------------

class Calculator {
  constructor(form) {
    this.form = form;
    this.spec = JSON.parse(form.dataset.spec);
    this.id = this.spec.id;
    this.units = new Map([...this.spec.inputs, ...this.spec.outputs].map((item) => [item.name, item.unit]));
    this.status = form.querySelector(".playbook-calc-status");
    this.restoreFromUrl();
    form.addEventListener("input", (event) => this.onInput(event));
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("click", (event) => this.onClick(event));
    this.update();
    form.dataset.ready = "true";
  }

  field(name) {
    return this.form.querySelector(`input[name="${name}"]`);
  }

  get binary() {
    return this.form.querySelector('input[name="playbook-calc-bytes"][value="binary"]')?.checked ?? false;
  }

  set binary(on) {
    const radio = this.form.querySelector(
      `input[name="playbook-calc-bytes"][value="${on ? "binary" : "decimal"}"]`,
    );
    if (radio) radio.checked = true;
  }

  key(name) {
    return `${this.id}.${name}`;
  }

  restoreFromUrl() {
    const params = new URLSearchParams(window.location.search);
    for (const input of this.spec.inputs) {
      const text = params.get(this.key(input.name));
      if (text !== null) this.field(input.name).value = text;
    }
    if (params.get(this.key("bytes")) === "binary") this.binary = true;
  }

  syncUrl() {
    const url = new URL(window.location.href);
    for (const input of this.spec.inputs) {
      const text = this.field(input.name).value;
      if (text.trim() === input.defaultText) url.searchParams.delete(this.key(input.name));
      else url.searchParams.set(this.key(input.name), text);
    }
    if (this.binary) url.searchParams.set(this.key("bytes"), "binary");
    else url.searchParams.delete(this.key("bytes"));
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  }

  onInput(event) {
    if (!(event.target instanceof HTMLInputElement)) return;
    this.update();
    this.syncUrl();
  }

  onClick(event) {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    if (button.dataset.action === "reset") this.reset();
    if (button.dataset.action === "copy") void this.copyLink();
  }

  reset() {
    for (const input of this.spec.inputs) this.field(input.name).value = input.defaultText;
    this.binary = false;
    this.update();
    this.syncUrl();
    this.say("Reset to the defaults.");
  }

  async copyLink() {
    this.syncUrl();
    const link = window.location.href;
    try {
      await navigator.clipboard.writeText(link);
      this.say("Link copied.");
    } catch {
      this.say(`Copy this link: ${link}`);
    }
  }

  say(message) {
    this.status.textContent = message;
  }

  readInputs() {
    const values = {};
    for (const input of this.spec.inputs) {
      const field = this.field(input.name);
      const error = document.getElementById(`${field.id}-error`);
      const result = parseInput(field.value, input);
      if (result.error) {
        field.setAttribute("aria-invalid", "true");
        showText(error, result.error);
        values[input.name] = null;
      } else {
        field.removeAttribute("aria-invalid");
        showText(error, "");
        values[input.name] = result.value;
      }
    }
    return values;
  }

  update() {
    const inputs = this.readInputs();
    const values = evaluateAll(this.spec, inputs);
    const binary = this.binary;
    for (const input of this.spec.inputs) {
      this.quote(input.name, inputs[input.name], formatValue(inputs[input.name], input.unit, { binary }));
    }
    for (const output of this.spec.outputs) {
      const value = values[output.name];
      const text = formatValue(value, output.unit, { binary });
      const element = this.form.querySelector(`output[name="${output.name}"]`);
      showText(element, text);
      showData(element, "value", value === null ? "" : String(value));
      showText(this.form.querySelector(`[data-result="${output.name}"]`), text);
      this.quote(output.name, value, text);
    }
    for (const term of this.form.querySelectorAll("[data-term]")) {
      const name = term.dataset.term;
      showText(term, termText(values[name], this.units.get(name), binary));
    }
  }

  /** The prose quoting one of this calculator's values (`[=id.name]` in the Markdown), anywhere
   * on the page: an output, or an input as the reader typed it. */
  quote(name, value, text) {
    for (const ref of document.querySelectorAll(`[data-ref="${CSS.escape(this.key(name))}"]`)) {
      showText(ref, text);
      showData(ref, "value", value === null ? "" : String(value));
    }
  }
}

function initCalculators() {
  for (const form of document.querySelectorAll("form[data-calculator]:not([data-ready])")) {
    try {
      new Calculator(form);
    } catch (error) {
      console.error(`Calculator ${form.dataset.calculator} could not start:`, error);
    }
  }
}

onEveryPage("calculators", initCalculators);
