// What every flow generator reads besides its own instance: the seed, the compiled
// scenario settings and the id prefix.
import type { FlowContext } from "./hops";
import { seedHash, type Seed } from "./random";
import { compileSettings, type ScenarioSettings } from "./scenarios";

export function flowContext(seed: Seed, settings: ScenarioSettings, idPrefix = ""): FlowContext {
  return { seedH: seedHash(seed), settings: compileSettings(settings), idPrefix };
}
