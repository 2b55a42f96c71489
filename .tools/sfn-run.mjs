// Runs a Step Functions definition (JSONPath) on this machine with
// aws-local-stepfunctions, the same file the CDK stack deploys. Each Task
// state's Resource "${Name}" is served by POST <tasks>/<Name> on the local
// stack, which answers like a Lambda invoke: the result, or
// {"errorType", "errorMessage"} for an error, whose type the Retry and Catch
// fields match as on AWS.
//
// usage: node sfn-run.mjs <definition.json> <tasks base URL> < input.json
// env:   SFN_TASK_SECRET  the local stack's secret, sent as X-Local-Secret
//        SFN_RETRY_MS     overrides every Retry interval (milliseconds), for tests
import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';

const [defPath, tasksURL] = process.argv.slice(2);
if (!defPath || !tasksURL) {
  console.error('usage: node sfn-run.mjs <definition.json> <tasks base URL> < input.json');
  process.exit(2);
}

const names = new Set();
const text = readFileSync(defPath, 'utf8').replace(/\$\{([A-Za-z0-9]+)\}/g, (_, name) => {
  names.add(name);
  return `arn:aws:lambda:eu-west-2:000000000000:function:${name}`;
});
const definition = JSON.parse(text);

const handlers = {};
const retries = {};
const retryMs = process.env.SFN_RETRY_MS === undefined ? undefined : Number(process.env.SFN_RETRY_MS);
(function collect(states) {
  for (const [stateName, state] of Object.entries(states)) {
    if (state.Type === 'Task') {
      const fn = state.Resource.split(':function:')[1];
      handlers[stateName] = async (input) => {
        const res = await fetch(`${tasksURL}/${fn}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-local-secret': process.env.SFN_TASK_SECRET ?? '' },
          body: JSON.stringify(input),
        });
        const out = await res.json();
        if (out && typeof out === 'object' && out.errorType) {
          const err = new Error(out.errorMessage);
          err.name = out.errorType;
          throw err;
        }
        return out;
      };
      if (retryMs !== undefined) retries[stateName] = retryMs;
    }
    const inner = state.ItemProcessor?.States ?? state.Iterator?.States;
    if (inner) collect(inner);
  }
})(definition.States);

let input = '';
for await (const chunk of process.stdin) input += chunk;

const machine = new StateMachine(definition);
const execution = machine.run(JSON.parse(input || '{}'), {
  overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: retries },
});
try {
  const output = await execution.result;
  console.log(JSON.stringify({ status: 'SUCCEEDED', output }));
} catch (err) {
  console.log(JSON.stringify({ status: 'FAILED', error: err.name, cause: err.message }));
  process.exitCode = 1;
}
