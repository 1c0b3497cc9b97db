export { type AiCall, aiCall } from "./call.ts";
export { aiDisabled, aiTimeout, mapAiError } from "./errors.ts";
export { type AiDeps, type AiSettings, createAiModel, STAND_IN_LABEL } from "./model.ts";
