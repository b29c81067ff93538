import assert from "node:assert/strict";
import { test } from "node:test";
import { emailError, newPasswordError, normaliseEmail, signInErrors } from "./validate";

test("email rules", () => {
  const table: Array<[unknown, boolean]> = [
    ["ada@example.com", true],
    ["  Ada@Example.COM ", true],
    ["a.b+tag@sub.example.co.uk", true],
    ["", false],
    ["   ", false],
    ["ada", false],
    ["ada@", false],
    ["@example.com", false],
    ["ada@example", false],
    ["ada@@example.com", false],
    ["ada @example.com", false],
    ["ada@example..com", false],
    [`${"a".repeat(250)}@example.com`, false],
    [42, false],
    [undefined, false],
  ];
  const wrong = table.filter(([input, ok]) => (emailError(input) === undefined) !== ok).map(([i]) => JSON.stringify(i));
  assert.deepEqual(wrong, []);
  assert.equal(normaliseEmail("  Ada@Example.COM "), "ada@example.com");
  assert.equal(emailError("nope"), "Enter an email address like name@example.com.");
});

test("password rules: 10 to 200 characters, counted as characters not bytes", () => {
  const table: Array<[unknown, string | undefined]> = [
    ["", "Choose a password."],
    [undefined, "Choose a password."],
    ["123456789", "Use at least 10 characters."],
    ["1234567890", undefined],
    ["ééééééééé", "Use at least 10 characters."],
    ["🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑", undefined],
    ["x".repeat(200), undefined],
    ["x".repeat(201), "Use at most 200 characters."],
  ];
  const wrong = table.filter(([input, want]) => newPasswordError(input) !== want).map(([i]) => String(i).slice(0, 20));
  assert.deepEqual(wrong, []);
  assert.deepEqual(signInErrors({ email: "a@b.co", password: "" }), { password: "Enter your password." });
});
