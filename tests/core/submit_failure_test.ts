import { assert, assertEquals } from "../assert.ts";
import {
  AmbiguousReply,
  AuthenticationError,
  ExchangeError,
  InvalidOrder,
  RequestTimeout,
} from "../../lib/core/mod.ts";
import { submitFailure } from "../../lib/core/submit_failure.ts";

const ACTION = 'place order on "BTC/USD" on x';
class NonceUsed extends AuthenticationError {}

Deno.test("submit failure: certain refusals and network errors stay as they are", () => {
  for (
    const e of [new InvalidOrder(`Cannot ${ACTION}: too small`), new RequestTimeout(`Cannot ${ACTION}: late`)]
  ) {
    assertEquals(submitFailure(e, ACTION), e);
  }
});

Deno.test("submit failure: a plain ExchangeError, anything else, or a refusal a copy would get may have placed it", () => {
  const plain = submitFailure(new ExchangeError(`Cannot ${ACTION}: what is this`), ACTION);
  assert(plain instanceof AmbiguousReply, plain.name);
  assertEquals(plain.message, `Cannot ${ACTION}: what is this; the order may exist`);
  assertEquals(submitFailure("garbled", ACTION).message, `Cannot ${ACTION}: garbled; the order may exist`);
  const nonce = new NonceUsed(`Cannot ${ACTION}: nonce used`);
  assertEquals(submitFailure(nonce, ACTION), nonce, "without copyGetsIt a refusal is a refusal");
  const copy = submitFailure(nonce, ACTION, (r) => r instanceof NonceUsed);
  assert(copy instanceof AmbiguousReply, copy.name);
  assertEquals([copy.message, copy.cause], [`Cannot ${ACTION}: nonce used; the order may exist`, nonce]);
});
