// Live capacity calculators.
//
// The build (Python) parses every formula into a JSON expression tree, validates it and renders
// the default results into the page; this module only evaluates that tree again as the reader
// types. Number parsing and formatting follow the same rules as
// plugins/playbook/calculators/units.py, and the browser tests check that both agree.
//
// Each calculator is a <form data-calculator="ID" data-spec="JSON">. Its inputs live in the page's query string
// as ID.INPUT=TEXT (and ID.bytes=binary), so several calculators on a page never clash.

const SUBSCRIBED = Symbol.for("playbook.calculators");

export const MAX_INPUT = 1e18;
export const DASH = "\u2014";

// --- Evaluation -------------------------------------------------------------------------------

const BINARY = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => a / b,
  "^": (a, b) => a ** b,
};

const FUNCTIONS = {
  min: (...args) => Math.min(...args),
  max: (...args) => Math.max(...args),
  ceil: Math.ceil,
  floor: Math.floor,
  log2: Math.log2,
  log10: Math.log10,
  // What `years` years add up to when each is (1 + rate) times the one before (expr.py).
  growth_sum: (rate, years) => (rate === 0 ? years : ((1 + rate) ** years - 1) / rate),
};

function finite(value) {
  return Number.isFinite(value) ? value : NaN;
}

function evalNode(node, env) {
  switch (node[0]) {
    case "num":
      return node[1];
    case "var": {
      const value = env[node[1]];
      return typeof value === "number" ? finite(value) : NaN;
    }
    case "neg":
      return -evalNode(node[1], env);
    case "call": {
      const args = node.slice(2).map((arg) => evalNode(arg, env));
      if (args.some(Number.isNaN)) return NaN;
      return finite(FUNCTIONS[node[1]](...args));
    }
    default: {
      const left = evalNode(node[1], env);
      const right = evalNode(node[2], env);
      if (Number.isNaN(left) || Number.isNaN(right)) return NaN;
      return finite(BINARY[node[0]](left, right));
    }
  }
}

/** The value of an expression tree, or null when it is not a finite number. */
export function evaluate(node, env) {
  const value = evalNode(node, env);
  return Number.isFinite(value) ? value : null;
}

/** Every output of a calculator spec for the given input values (null for invalid ones). */
export function evaluateAll(spec, values) {
  const env = { ...values };
  const outputs = new Map(spec.outputs.map((output) => [output.name, output]));
  for (const name of spec.order) env[name] = evaluate(outputs.get(name).tree, env);
  return env;
}

// --- Numbers ----------------------------------------------------------------------------------

const SCALES = {
  count: { base: 1000, symbols: ["", "K", "M", "B", "T"], joiner: "" },
  bytes: { base: 1000, symbols: ["B", "KB", "MB", "GB", "TB", "PB", "EB"], joiner: " " },
  "bytes-binary": { base: 1024, symbols: ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"], joiner: " " },
  bits: { base: 1000, symbols: ["bps", "Kbps", "Mbps", "Gbps", "Tbps", "Pbps"], joiner: " " },
  percent: { base: 1, symbols: ["%"], joiner: "" },
};

const PREFIXES = ["k", "m", "g", "t", "p"];
const powers = (prefixes, suffix, base) =>
  Object.fromEntries(prefixes.map((prefix, i) => [prefix + suffix, base ** (i + 1)]));

const SUFFIXES = {
  count: { "": 1, x: 1, "\u00d7": 1, k: 1e3, m: 1e6, b: 1e9, bn: 1e9, t: 1e12 },
  bytes: {
    "": 1,
    b: 1,
    ...powers(PREFIXES, "", 1000),
    ...powers(PREFIXES, "b", 1000),
    ...powers(PREFIXES, "ib", 1024),
  },
  bits: { "": 1, bps: 1, ...powers(PREFIXES.slice(0, 4), "", 1000), ...powers(PREFIXES.slice(0, 4), "bps", 1000) },
  percent: { "": 1, "%": 1 },
};

const EXAMPLES = {
  count: "100M, 1.5K or 1,000,000",
  bytes: "2KB, 1.5 MB or 1GiB",
  bits: "10 Mbps or 1G",
  percent: "90 or 90%",
};

const GROUPING_COMMA = /(?<=\d),(?=\d{3}(?!\d))/g;
const TYPED = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)[ \t]*([a-z%\u00d7]*)$/i;

/** What a reader typed, in the unit's base: { value } or { error }. */
export function parseNumber(text, unit) {
  const cleaned = text.trim().replace(GROUPING_COMMA, "");
  if (!cleaned) return { error: "Enter a number." };
  const match = TYPED.exec(cleaned);
  const multiplier = match ? SUFFIXES[unit.kind][match[2].toLowerCase()] : undefined;
  if (!match || multiplier === undefined) {
    return { error: `Not a number: enter e.g. ${EXAMPLES[unit.kind]}.` };
  }
  let value = Number(match[1]) * multiplier;
  if (unit.kind === "percent") value = value / 100;
  if (!Number.isFinite(value) || Math.abs(value) > MAX_INPUT) {
    return { error: "Too large: enter at most 10^18." };
  }
  return { value };
}

/** parseNumber, then the input's min and max. */
export function parseInput(text, input) {
  const result = parseNumber(text, input.unit);
  if (result.error) return result;
  const bound = (value) => formatValue(value, input.unit, { term: true });
  if (input.min !== null && result.value < input.min) return { error: `Must be at least ${bound(input.min)}.` };
  if (input.max !== null && result.value > input.max) return { error: `Must be at most ${bound(input.max)}.` };
  return result;
}

// Three significant digits, halves away from zero, and the decimal exponent: 34722.2 -> ["347", 4].
function round3(magnitude) {
  const [mantissa, exponent] = magnitude.toExponential(2).split("e");
  return [mantissa.replace(".", ""), Number(exponent)];
}

function placePoint(digits, exponent) {
  if (exponent < 0) return `0.${"0".repeat(-exponent - 1)}${digits.replace(/0+$/, "")}`;
  const whole = (digits + "0".repeat(exponent)).slice(0, exponent + 1);
  const fraction = digits.slice(exponent + 1).replace(/0+$/, "");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction ? `${grouped}.${fraction}` : grouped;
}

function plainOrScientific(digits, exponent) {
  if (exponent > -7 && exponent < 6) return placePoint(digits, exponent);
  const fraction = digits.slice(1).replace(/0+$/, "");
  return `${digits[0]}${fraction ? `.${fraction}` : ""}e${exponent}`;
}

/** A value as a reader sees it: 34.7K req/s, 60 GB/day, 280 Mbps, 90%. */
export function formatValue(value, unit, { binary = false, term = false } = {}) {
  if (typeof value !== "number" || !Number.isFinite(value)) return DASH;
  const scale = SCALES[binary && unit.kind === "bytes" ? "bytes-binary" : unit.kind];
  const magnitude = unit.kind === "percent" ? Math.abs(value) * 100 : Math.abs(value);
  const top = scale.symbols.length - 1;
  let number;
  let symbol;
  if (magnitude === 0) {
    [number, symbol] = ["0", scale.symbols[0]];
  } else if (scale.base === 1024) {
    let k = 0;
    while (k < top && magnitude >= 1024 ** (k + 1)) k += 1;
    const [digits, exponent] = round3(magnitude / 1024 ** k);
    [number, symbol] = [plainOrScientific(digits, exponent), scale.symbols[k]];
  } else {
    const [digits, exponent] = round3(magnitude);
    let k = scale.base === 1000 ? Math.min(Math.max(Math.floor(exponent / 3), 0), top) : 0;
    if (exponent - 3 * k >= 6) k = 0;
    [number, symbol] = [plainOrScientific(digits, exponent - 3 * k), scale.symbols[k]];
  }
  const sign = value < 0 ? "-" : "";
  return `${sign}${number}${scale.joiner}${symbol}${term ? "" : unit.label}`;
}

/** A value inside a worked substitution: no count label, negatives in parentheses. */
export function termText(value, unit, binary = false) {
  const text = formatValue(value, unit, { binary, term: true });
  return typeof value === "number" && value < 0 ? `(${text})` : text;
}

// --- The widget -------------------------------------------------------------------------------

class Calculator {
  constructor(form) {
    this.form = form;
    this.spec = JSON.parse(form.dataset.spec);
    this.id = this.spec.id;
    this.units = new Map([...this.spec.inputs, ...this.spec.outputs].map((item) => [item.name, item.unit]));
    this.status = form.querySelector(".pc-status");
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
    return this.form.querySelector('input[name="pc-bytes"][value="binary"]')?.checked ?? false;
  }

  set binary(on) {
    const radio = this.form.querySelector(`input[name="pc-bytes"][value="${on ? "binary" : "decimal"}"]`);
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
        if (error.textContent !== result.error) error.textContent = result.error;
        values[input.name] = null;
      } else {
        field.removeAttribute("aria-invalid");
        error.textContent = "";
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
      element.textContent = text;
      element.dataset.value = value === null ? "" : String(value);
      this.form.querySelector(`[data-result="${output.name}"]`).textContent = text;
      this.quote(output.name, value, text);
    }
    for (const term of this.form.querySelectorAll("[data-term]")) {
      const name = term.dataset.term;
      term.textContent = termText(values[name], this.units.get(name), binary);
    }
  }

  /** The prose quoting one of this calculator's values (`[=id.name]` in the Markdown), anywhere
   * on the page: an output, or an input as the reader typed it. */
  quote(name, value, text) {
    for (const ref of document.querySelectorAll(`[data-ref="${CSS.escape(this.key(name))}"]`)) {
      ref.textContent = text;
      ref.dataset.value = value === null ? "" : String(value);
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

if (!window[SUBSCRIBED]) {
  window[SUBSCRIBED] = true;
  if (typeof document$ !== "undefined") document$.subscribe(() => initCalculators());
  else initCalculators();
}
