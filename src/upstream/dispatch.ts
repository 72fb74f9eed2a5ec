/**
 * One HTTP exchange on undici's pool, the answer read whole as text. This is undici's
 * `dispatch` with a handler that gathers the body chunks, not its `request`: that wraps every
 * answer in a Readable stream and an AsyncResource, whose events, ticks and objects were the
 * largest part of the gateway's own cost per upstream call (a dashboard makes about 200).
 *
 * The deadline (`timeoutMs`, the answer included) is a plain timer, not an AbortSignal: those
 * cost an EventTarget and its listeners per call. It ends the exchange at once with a
 * TimeoutError, also while the request still waits for a free connection (it is then dropped
 * when its turn comes, never sent): the deadline is the caller's whole wait.
 */
import { util, type Dispatcher } from 'undici';

export interface TextReply {
  statusCode: number;
  /** Lower-case names; a repeated header is an array. */
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** What a request that ran out of time rejects with (`name` is "TimeoutError"). */
export class DeadlineError extends Error {
  override readonly name = 'TimeoutError';
  constructor(timeoutMs: number) {
    super(`no complete answer within ${timeoutMs} ms`);
  }
}

export function dispatchText(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions, timeoutMs: number): Promise<TextReply> {
  return new Promise<TextReply>((resolve, reject) => {
    let statusCode = 0;
    let headers: TextReply['headers'] = {};
    const chunks: Buffer[] = [];
    let abort: ((reason?: Error) => void) | undefined;
    let reason: Error | undefined;
    let settled = false;
    const timer = setTimeout(() => {
      reason = new DeadlineError(timeoutMs);
      if (abort) abort(reason);
      else {
        settled = true;
        reject(reason);
      }
    }, timeoutMs);
    const settle = () => {
      settled = true;
      clearTimeout(timer);
    };

    dispatcher.dispatch(options, {
      onConnect(abortRequest) {
        if (reason) abortRequest(reason);
        else abort = abortRequest;
      },
      onHeaders(status, rawHeaders) {
        // 1xx answers are informational: the real one follows.
        if (status < 200) return true;
        statusCode = status;
        headers = util.parseHeaders(rawHeaders as Buffer[]) as TextReply['headers'];
        return true;
      },
      onData(chunk) {
        chunks.push(chunk);
        return true;
      },
      onComplete() {
        if (settled) return;
        settle();
        resolve({ statusCode, headers, text: chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8') });
      },
      onError(error) {
        if (settled) return;
        settle();
        reject(error);
      },
    });
  });
}
