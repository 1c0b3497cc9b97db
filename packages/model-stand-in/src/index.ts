export type {
  Answer,
  ChatRequest,
  FaultKind,
} from "./answer.ts";
export { answerFor, FAULT_KINDS, isFaultKind } from "./answer.ts";
export type { ModelStandIn, ModelStandInOptions, RecordedRequest } from "./server.ts";
export { startModelStandIn } from "./server.ts";
