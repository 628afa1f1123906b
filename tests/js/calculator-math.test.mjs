// calculator-math.js gives the answers Python gives (plugins/mkdocs_playbook/calculators/).
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  DASH,
  evaluate,
  evaluateAll,
  formatValue,
  parseInput,
  parseNumber,
} from "../../plugins/mkdocs_playbook/assets/calculator-math.js";
import { fixtures } from "./fixtures.mjs";

test("numbers are formatted as Python formats them", () => {
  assert.ok(fixtures.format.length > 1600);
  for (const { value, unit, binary, term, text } of fixtures.format) {
    assert.equal(formatValue(value, unit, { binary, term }), text, `${value} ${unit.label}`);
  }
});

test("typed text is read as Python reads it, errors included", () => {
  for (const { text, unit, result } of fixtures.parse) {
    assert.deepEqual(parseNumber(text, unit), result, JSON.stringify(text));
  }
});

test("every built-in calculator computes what Python computes from the same typed inputs", () => {
  let compared = 0;
  for (const { spec, texts, values, shown } of fixtures.evaluate) {
    const inputs = {};
    for (const input of spec.inputs) {
      const read = parseInput(texts[input.name], input);
      inputs[input.name] = read.error ? null : read.value;
      assert.equal(inputs[input.name], values[input.name], `${spec.id}.${input.name} ${texts[input.name]}`);
    }
    const results = evaluateAll(spec, inputs);
    for (const output of spec.outputs) {
      const want = values[output.name];
      const got = results[output.name];
      const where = `${spec.id}.${output.name} ${JSON.stringify(texts)}`;
      if (want === null) {
        assert.equal(got, null, where);
        assert.equal(formatValue(got, output.unit), DASH);
        continue;
      }
      assert.ok(Math.abs(got - want) <= 1e-9 * Math.max(Math.abs(got), Math.abs(want)), where);
      if (got === want) assert.equal(formatValue(got, output.unit), shown[output.name], where);
      compared += 1;
    }
  }
  assert.ok(compared > 500, `only ${compared} values compared`);
});

test("a value that is not a finite number is null, never NaN or Infinity", () => {
  const tree = ["/", ["var", "a"], ["var", "b"]];
  assert.equal(evaluate(tree, { a: 1, b: 0 }), null);
  assert.equal(evaluate(tree, { a: 0, b: 0 }), null);
  assert.equal(evaluate(tree, { a: null, b: 1 }), null);
  assert.equal(evaluate(["call", "log10", ["num", 0]], {}), null);
  assert.equal(formatValue(null, { kind: "count", label: "" }), DASH);
});
