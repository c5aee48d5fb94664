import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import rule, { readRules, tokenize } from '../../../rules/security/open-firebase-rules';
import { ruleTester } from '../../helpers/ruleTester';

const firestore = (body: string) => `rules_version = '2';\nservice cloud.firestore {\n  match /databases/{database}/documents {\n${body}  }\n}\n`;
const storage = (body: string) => `rules_version = '2';\nservice firebase.storage {\n  match /b/{bucket}/o {\n${body}  }\n}\n`;

describe('firebase rules reader', () => {
  it('skips comments and strings, nests match paths, keeps conditions', () => {
    const text = firestore("    // allow read, write: if true;\n    /* match /x { allow write; } */\n    function isOwner(uid) { return request.auth != null && request.auth.uid == uid; }\n    match /users/{userId} {\n      allow read: if isOwner(userId) && resource.data.note != '}; allow write;';\n      match /posts/{postId=**} { allow write; }\n    }\n");
    const rules = readRules(tokenize(text));
    assert.deepEqual(rules.map((r) => [r.path, r.methods.join(','), r.condition?.map((t) => t.v).join(' ')]), [
      ['/databases/{database}/documents/users/{userId}', 'read', "isOwner ( userId ) && resource . data . note != }; allow write;"],
      ['/databases/{database}/documents/users/{userId}/posts/{postId=**}', 'write', undefined],
    ]);
  });
});

ruleTester(rule, {
  valid: [
    { files: { 'firestore.rules': firestore("    match /users/{userId} {\n      allow read, write: if request.auth != null && request.auth.uid == userId;\n    }\n    match /posts/{postId} {\n      allow read: if true;\n      allow create: if request.auth != null;\n    }\n    match /{document=**} {\n      allow read, write: if false;\n    }\n") } },
    { name: 'public read of products and of a public storage folder', files: { 'firestore.rules': firestore('    match /products/{id} { allow read; }\n'), 'storage.rules': storage('    match /public/{file} { allow read: if true; }\n    match /users/{uid}/{file} { allow write: if request.auth.uid == uid; }\n') } },
    { name: 'signed-in access on a single collection is a policy choice', files: { 'firestore.rules': firestore('    match /feedback/{id} { allow create: if request.auth != null; }\n') } },
    { name: 'commented-out open rule', files: { 'firestore.rules': firestore('    match /{document=**} {\n      // allow read, write: if true;\n      allow read, write: if false;\n    }\n') } },
    { name: 'Realtime Database locked down', files: { 'database.rules.json': '{\n  "rules": {\n    ".read": false,\n    ".write": false,\n    "users": {\n      "$uid": {\n        ".read": "$uid === auth.uid",\n        ".write": "$uid === auth.uid"\n      }\n    },\n    "leaderboard": { ".read": true }\n  }\n}\n' } },
    { name: 'emulator test fixtures', files: { 'test/fixtures/firestore.rules': firestore('    match /{document=**} { allow read, write: if true; }\n') } },
    { name: 'some other rules.json', files: { 'config/rules.json': '{ "rules": [{ "id": 1, "write": true }] }\n' } },
  ],
  invalid: [
    {
      name: 'test mode',
      files: { 'firestore.rules': firestore('    match /{document=**} {\n      allow read, write: if request.time < timestamp.date(2025, 1, 1);\n    }\n') },
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 71, message: 'These are Firebase\'s "test mode" rules: anyone can read and write every document until 2025-01-01 (`allow read, write: if request.time < timestamp.date(2025, 1, 1);`), and after that date every request is denied and the app stops working. Replace them with rules per collection or path that check `request.auth` and ownership.' }],
    },
    {
      name: 'if true on everything, allow write with no condition on a collection',
      files: { 'firestore.rules': firestore('    match /{document=**} {\n      allow read, write: if true;\n    }\n    match /orders/{orderId} {\n      allow write;\n    }\n') },
      errors: [
        { line: 5, column: 7, message: /^Anyone on the internet can read and write every document \(`allow read, write: if true;`\)/ },
        { line: 8, column: 7, message: /^Anyone on the internet can write documents in `\/orders\/\{orderId\}` \(`allow write;`\)/ },
      ],
    },
    {
      name: 'public read of user data, signed-in everything',
      files: { 'firestore.rules': firestore('    match /users/{userId} {\n      allow get, list: if (true);\n    }\n    match /{path=**} {\n      allow read, write: if request.auth != null;\n    }\n') },
      errors: [
        { line: 5, column: 7, message: /^Anyone on the internet can read documents in `\/users\/\{userId\}`/ },
        { line: 8, column: 7, message: /^Any signed-in user can read and write every document/ },
      ],
    },
    {
      name: 'statements without semicolons',
      files: { 'firestore.rules': firestore('    match /users/{userId}{\n      allow create\n      allow read: if request.auth.uid != null\n      allow write: if request.auth.uid == userId\n    }\n') },
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 19, message: /^Anyone on the internet can write documents in `\/users\/\{userId\}` \(`allow create`\)/ }],
    },
    {
      name: 'storage',
      files: { 'storage.rules': storage('    match /{allPaths=**} {\n      allow read, write;\n    }\n') },
      errors: [{ line: 5, column: 7, message: /^Anyone on the internet can read and write every file in the bucket/ }],
    },
    {
      name: 'Realtime Database: public root, test mode, public writes on a path',
      files: {
        'database.rules.json': '{\n  "rules": {\n    ".read": true,\n    ".write": true,\n    "chat": { ".write": "true" }\n  }\n}\n',
        'other/database.rules.json': '{\n  "rules": {\n    ".read": "now < 1735689600000",\n    ".write": "now < 1735689600000"\n  }\n}\n',
      },
      errors: [
        { file: 'database.rules.json', line: 3, column: 5, message: /^Anyone on the internet can read and write the whole database \(`"\.read": true`\)/ },
        { file: 'database.rules.json', line: 5, column: 15, message: /^Anyone on the internet can write `\/chat`/ },
        { file: 'other/database.rules.json', line: 3, column: 5, message: /"test mode" rules: anyone can read and write the whole database until 2025-01-01/ },
      ],
    },
  ],
});
