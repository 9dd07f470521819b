// What every flow generator reads besides its own instance: the seed, the compiled
// scenario settings and the id prefix.
import type { FlowContext } from "./hops";
import { type Seed, seedHash } from "./random";
import { compileSettings, type ScenarioSettings } from "./scenarios";

export function flowContext(seed: Seed, settings: ScenarioSettings, idPrefix = ""): FlowContext {
  return { seedH: seedHash(seed), settings: compileSettings(settings), idPrefix };
}
