import rule from '../../../rules/auth/oauth-silent-failure';
import { ruleTester } from '../../helpers/ruleTester';

const GOOGLE = "import passport from 'passport';\nimport { Router } from 'express';\nexport const router = Router();\n";

ruleTester(rule, {
  valid: [
    // callback with failureRedirect; the initial redirect route needs none
    GOOGLE + "router.get('/auth/google', passport.authenticate('google', { scope: ['profile', 'email'] }));\nrouter.get('/auth/google/callback', passport.authenticate('google', { failureRedirect: '/login', failureMessage: true }), (req, res) => res.redirect('/'));",
    // failWithError, options in a const
    GOOGLE + "const onFailure = { failWithError: true, session: true };\nrouter.get('/auth/github/callback', passport.authenticate('github', onFailure), (req, res) => res.redirect('/'));",
    // a custom callback that handles err
    GOOGLE + "router.get('/auth/google/callback', (req, res, next) => {\n  passport.authenticate('google', (err, user) => {\n    if (err) return next(err);\n    if (!user) return res.redirect('/login?error=google');\n    req.logIn(user, (e) => (e ? next(e) : res.redirect('/')));\n  })(req, res, next);\n});",
    // local / jwt / bearer strategies are not OAuth callbacks
    GOOGLE + "router.post('/login', passport.authenticate('local', { successRedirect: '/' }));\nrouter.get('/api/me', passport.authenticate('jwt', { session: false }), (req, res) => res.json(req.user));",
    // strategies with state on, or a state store; passport-auth0 turns it on by itself
    "import { Strategy as GoogleStrategy } from 'passport-google-oauth20';\npassport.use(new GoogleStrategy({ clientID, clientSecret, callbackURL: '/auth/google/callback', state: true }, verify));",
    "import { Strategy as GitHubStrategy } from 'passport-github2';\npassport.use(new GitHubStrategy({ clientID, clientSecret, callbackURL, store: new RedisStateStore(redis) }, verify));",
    "import Auth0Strategy from 'passport-auth0';\npassport.use(new Auth0Strategy({ domain, clientID, clientSecret, callbackURL }, verify));",
    // options this file cannot see
    "import { Strategy as GoogleStrategy } from 'passport-google-oauth20';\nimport { googleOptions } from './config';\npassport.use(new GoogleStrategy(googleOptions, verify));",
    // hand-built URLs with state or PKCE; token requests need no state
    "const url = `https://github.com/login/oauth/authorize?client_id=${id}&redirect_uri=${cb}&state=${state}`;",
    "const params = new URLSearchParams({ client_id, redirect_uri, response_type: 'code', scope, code_challenge, code_challenge_method: 'S256' });",
    "const body = new URLSearchParams({ client_id, client_secret, code, grant_type: 'authorization_code', redirect_uri });",
    "export function authUrl(state: string) {\n  const url = new URL('https://accounts.google.com/o/oauth2/v2/auth');\n  url.searchParams.set('client_id', CLIENT_ID);\n  url.searchParams.set('redirect_uri', REDIRECT);\n  url.searchParams.set('response_type', 'code');\n  url.searchParams.set('state', state);\n  return url.toString();\n}",
    "const url = oauth2Client.generateAuthUrl({ access_type: 'offline', scope: SCOPES, state: req.session.state });",
    // a non-auth URL with a client_id
    "const res = await fetch(`https://api.example.com/v1/items?client_id=${id}`);",
    // tests
    { filename: 'test/auth.test.ts', code: GOOGLE + "router.get('/auth/google/callback', passport.authenticate('google', { successRedirect: '/' }));" },
  ],
  invalid: [
    {
      name: 'callback route with successRedirect only',
      code: GOOGLE + "router.get('/auth/google/callback', passport.authenticate('google', { successRedirect: '/dashboard' }));",
      errors: [{ line: 4, column: 37, tier: 'tech-debt', message: "This OAuth callback has no failure handling: passport.authenticate('google') without `failureRedirect` (or `failWithError`) answers a denied consent, an expired code or a provider error with a bare 401 \"Unauthorized\" page, and nothing is logged. Add `failureRedirect: '/login?error=oauth'`, or handle the failure in a custom callback." }],
      output: null,
    },
    {
      name: 'callback route without options, with a handler after it (require)',
      code: "const passport = require('passport');\nconst express = require('express');\nconst app = express();\napp.get('/auth/github/callback', passport.authenticate('github'), (req, res) => res.redirect('/'));",
      errors: [{ line: 4, column: 34 }],
    },
    {
      name: 'custom callback ignoring err',
      code: GOOGLE + "router.get('/oauth2/redirect/google', (req, res, next) => {\n  passport.authenticate('google', (err, user) => {\n    if (!user) return res.redirect('/login');\n    req.logIn(user, () => res.redirect('/'));\n  })(req, res, next);\n});",
      errors: [{ line: 5, column: 36, message: /^This passport callback ignores its `err` argument/ }],
    },
    {
      name: 'authenticate through element access on a renamed require',
      code: "const auth = require('passport');\nconst app = require('express')();\napp.get('/auth/github/callback', auth['authenticate']('github', { successRedirect: '/' }));",
      errors: [{ line: 3, column: 34, message: /^This OAuth callback has no failure handling: passport\.authenticate\('github'\)/ }],
    },
    {
      name: 'state: false on a Google strategy',
      code: "import { Strategy as GoogleStrategy } from 'passport-google-oauth20';\npassport.use(new GoogleStrategy({ clientID, clientSecret, callbackURL: '/auth/google/callback', state: false }, verify));",
      errors: [{ line: 2, column: 97, message: /^`state: false` turns off the OAuth `state` check/ }],
    },
    {
      name: 'GitHub strategy without state (default: none)',
      code: "const GitHubStrategy = require('passport-github2').Strategy;\npassport.use(new GitHubStrategy({\n  clientID: process.env.GITHUB_CLIENT_ID,\n  clientSecret: process.env.GITHUB_CLIENT_SECRET,\n  callbackURL: '/auth/github/callback',\n}, verify));",
      errors: [{ line: 2, column: 33, message: /^This passport-github2 strategy sends no `state`/ }],
    },
    {
      name: 'strategy class reached through a default import',
      code: "import Discord from 'passport-discord';\npassport.use(new Discord.Strategy({ clientID: process.env.DISCORD_ID, clientSecret: process.env.DISCORD_SECRET, callbackURL: '/auth/discord/callback', scope: ['identify'] }, verify));",
      errors: [{ line: 2, column: 35, message: /^This passport-discord strategy sends no `state`/ }],
    },
    {
      name: 'NestJS PassportStrategy subclass without state',
      filename: 'src/auth/google.strategy.ts',
      code: "import { PassportStrategy } from '@nestjs/passport';\nimport { Strategy, VerifyCallback } from 'passport-google-oauth20';\nexport class GoogleStrategy extends PassportStrategy(Strategy, 'google') {\n  constructor() {\n    super({ clientID: process.env.GOOGLE_CLIENT_ID, clientSecret: process.env.GOOGLE_SECRET, callbackURL: 'http://localhost:3000/auth/google/callback', scope: ['email', 'profile'] });\n  }\n}",
      errors: [{ line: 5, column: 11, message: /^This passport-google-oauth20 strategy sends no `state`/ }],
    },
    {
      name: 'hand-built GitHub authorize URL without state',
      code: "router.get('/login/github', (req, res) => {\n  res.redirect(`https://github.com/login/oauth/authorize?client_id=${process.env.GITHUB_CLIENT_ID}&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=read:user`);\n});",
      errors: [{ line: 2, column: 16, message: /^This OAuth authorization request has no `state`/ }],
    },
    {
      name: 'URLSearchParams for Google without state',
      code: "const params = new URLSearchParams({\n  client_id: process.env.GOOGLE_CLIENT_ID!,\n  redirect_uri: REDIRECT_URI,\n  response_type: 'code',\n  scope: 'openid email',\n});\nexport const url = `https://accounts.google.com/o/oauth2/v2/auth?${params}`;",
      errors: [{ line: 1, column: 16 }],
    },
    {
      name: 'URLSearchParams with computed string keys (not in the name table)',
      code: "const query = new URLSearchParams({ ['client_id']: APP_ID, ['redirect_uri']: CALLBACK, ['response_type']: 'code' });",
      errors: [{ line: 1, column: 15, message: /^This OAuth authorization request has no `state`/ }],
    },
    {
      name: 'searchParams.set sequence without state',
      code: "export function authUrl() {\n  const url = new URL('https://discord.com/oauth2/authorize');\n  url.searchParams.set('client_id', CLIENT_ID);\n  url.searchParams.set('redirect_uri', REDIRECT);\n  url.searchParams.set('response_type', 'code');\n  return url.toString();\n}",
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'google-auth-library generateAuthUrl without state',
      code: "import { google } from 'googleapis';\nconst oauth2Client = new google.auth.OAuth2(id, secret, redirect);\nexport const url = oauth2Client.generateAuthUrl({ access_type: 'offline', scope: ['email'] });",
      errors: [{ line: 3, column: 20 }],
    },
    {
      name: 'openid-client authorizationUrl without state, no client_id in the file',
      code: "export const loginUrl = (client) => client.authorizationUrl({ scope: 'openid email' });",
      errors: [{ line: 1, column: 37, message: /^This OAuth authorization request has no `state`/ }],
    },
  ],
});
