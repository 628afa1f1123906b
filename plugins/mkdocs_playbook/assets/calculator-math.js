// The calculators' arithmetic, with no DOM: evaluating the build's expression trees, reading what
// a reader typed and formatting a value as the page shows it. The rules are those of
// plugins/mkdocs_playbook/calculators/expr.py and units.py, and tests/test_js_parity.py checks that
// both give the same answers.

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
  bits: {
    "": 1,
    bps: 1,
    ...powers(PREFIXES.slice(0, 4), "", 1000),
    ...powers(PREFIXES.slice(0, 4), "bps", 1000),
  },
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
  if (input.min !== null && result.value < input.min)
    return { error: `Must be at least ${bound(input.min)}.` };
  if (input.max !== null && result.value > input.max)
    return { error: `Must be at most ${bound(input.max)}.` };
  return result;
}

const MAX_DIGITS = 9;

// `significant` digits, halves away from zero, and the decimal exponent: 34722.2 -> ["347", 4].
function roundSignificant(magnitude, significant = 3) {
  const [mantissa, exponent] = magnitude.toExponential(significant - 1).split("e");
  return [mantissa.replace(".", ""), Number(exponent)];
}

// Three, but for a percentage just under 100: as many as show how far from 100 it is, to two
// digits (99.95%, 99.999%), so that an availability never reads as "100%".
function significantDigits(kind, magnitude) {
  const shortfall = 100 - magnitude;
  if (kind !== "percent" || !(shortfall > 0 && shortfall < 1)) return 3;
  return Math.min(3 - Math.floor(Math.log10(shortfall)), MAX_DIGITS);
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
  if (!Number.isFinite(magnitude)) return DASH; // a fraction so large it overflows as a percentage
  const top = scale.symbols.length - 1;
  let number;
  let symbol;
  if (magnitude === 0) {
    [number, symbol] = ["0", scale.symbols[0]];
  } else if (scale.base === 1024) {
    let k = 0;
    while (k < top && magnitude >= 1024 ** (k + 1)) k += 1;
    const [digits, exponent] = roundSignificant(magnitude / 1024 ** k);
    [number, symbol] = [plainOrScientific(digits, exponent), scale.symbols[k]];
  } else {
    const [digits, exponent] = roundSignificant(magnitude, significantDigits(unit.kind, magnitude));
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
