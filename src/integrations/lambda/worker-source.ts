/**
 * The program each Lambda execution environment runs: a worker thread that loads the handler once
 * (Lambda's init phase) and then answers one invocation at a time, like the Node.js runtime's loop
 * ("Lambda runtime environment", AWS Lambda Developer Guide).
 *
 * It is plain JavaScript in a string because a worker needs a program it can load by itself, both
 * from the compiled package and from the TypeScript sources the tests run: `new Worker(source,
 * { eval: true })`. Keep it small; everything that can be decided in the gateway's thread is.
 *
 * Messages in: { type: 'invoke', id, event, context }. Messages out: { type: 'ready' } after init,
 * { type: 'log', id, level, message }, { type: 'result', id, payload } (the handler's result as
 * JSON text, `null` for undefined, as Lambda serialises it) and { type: 'error', id, error } with
 * Lambda's error shape { errorType, errorMessage, trace }. An init failure is { type: 'init-error',
 * error }. Anything thrown outside an invocation crashes the worker; the pool sees it exit.
 *
 * With `workerData.executeApi` (the gateway's edge port), HTTPS connections to
 * `{api-id}.execute-api.{region}.amazonaws.com` are made in plain TCP to that port instead: a
 * handler's `new ApiGatewayManagementApiClient({ endpoint: \`https://${domainName}/${stage}\` })`
 * (AWS's own samples) then reaches this gateway's `@connections` API, Host header and all, with
 * no certificate and no DNS name to set up. Only this thread's `https` module is changed.
 */
export const WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { format } = require('node:util');
const { pathToFileURL } = require('node:url');

let current = undefined; // id of the invocation in progress: console lines carry its request id

if (workerData.executeApi) {
  const https = require('node:https');
  const net = require('node:net');
  const { host, port } = workerData.executeApi;
  const executeApiHost = /^[A-Za-z0-9]+\.execute-api\.[A-Za-z0-9-]+\.amazonaws\.com$/;
  const createConnection = https.Agent.prototype.createConnection;
  https.Agent.prototype.createConnection = function (options, callback) {
    const name = options.host || options.hostname || options.servername;
    if (typeof name === 'string' && executeApiHost.test(name)) return net.connect({ host, port });
    return createConnection.call(this, options, callback);
  };
}

function describe(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name || 'Error',
      errorMessage: error.message,
      trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    };
  }
  // callback('Unauthorized') and throw 'x' reach Lambda as errors of type "string".
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

// Lambda's Node.js runtime prefixes console lines with time, request id and level; we send the
// level and the formatted text, and the gateway's logger adds the rest.
const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
for (const [method, level] of Object.entries(levels)) {
  console[method] = (...args) => {
    parentPort.postMessage({ type: 'log', id: current, level, message: format(...args) });
  };
}

function lookup(root, path) {
  let target = root;
  for (const part of path) target = target == null ? undefined : target[part];
  return target;
}

async function loadHandler() {
  const module = await import(pathToFileURL(workerData.modulePath).href);
  // A CommonJS module's exports are also its default export: look there second.
  let target = lookup(module, workerData.exportPath);
  if (typeof target !== 'function') target = lookup(module.default, workerData.exportPath);
  if (typeof target !== 'function') {
    const error = new Error(workerData.handler + ' is undefined or not exported');
    error.name = 'Runtime.HandlerNotFound';
    throw error;
  }
  return target;
}

function run(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error, value) => {
      if (settled) return;
      settled = true;
      if (error !== undefined && error !== null) reject(error);
      else resolve(value);
    };
    const lambdaContext = {
      ...context,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, context.deadlineMs - Date.now()),
      done: (error, value) => settle(error, value),
      succeed: (value) => settle(null, value),
      fail: (error) => settle(error === undefined ? new Error('handled') : error),
    };
    delete lambdaContext.deadlineMs;
    try {
      const returned = handler(event, lambdaContext, (error, value) => settle(error, value));
      if (returned !== null && typeof returned === 'object' && typeof returned.then === 'function') {
        returned.then((value) => settle(null, value), (error) => settle(error === undefined ? new Error('undefined') : error));
      }
    } catch (error) {
      settle(error === undefined ? new Error('undefined') : error);
    }
  });
}

loadHandler().then(
  (handler) => {
    parentPort.on('message', async (message) => {
      if (message.type !== 'invoke') return;
      current = message.id;
      try {
        const value = await run(handler, message.event, message.context);
        const payload = JSON.stringify(value === undefined ? null : value);
        parentPort.postMessage({ type: 'result', id: message.id, payload: payload === undefined ? 'null' : payload });
      } catch (error) {
        parentPort.postMessage({ type: 'error', id: message.id, error: describe(error) });
      } finally {
        current = undefined;
      }
    });
    parentPort.postMessage({ type: 'ready' });
  },
  (error) => {
    const described = describe(error);
    if (!described.errorType.startsWith('Runtime.')) described.errorType = 'Runtime.ImportModuleError';
    parentPort.postMessage({ type: 'init-error', error: described });
  },
);
`;
