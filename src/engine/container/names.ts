// Names for containers created without --name, in Docker's "adjective_noun" shape, from our
// own lists: kinds of weather and boats, fitting a drydock.
const ADJECTIVES = [
  "amber", "blustery", "brave", "breezy", "bright", "calm", "clever", "cloudy", "crisp", "daring", "dusky", "eager",
  "foggy", "gentle", "gleaming", "hazy", "jolly", "keen", "lively", "lucky", "misty", "nimble", "patient", "plucky",
  "quiet", "rapid", "rosy", "salty", "silver", "snowy", "steady", "stormy", "sunny", "swift", "tidy", "windy",
];
const NOUNS = [
  "barge", "brig", "canoe", "caravel", "catamaran", "clipper", "coracle", "corvette", "cutter", "dhow", "dinghy",
  "dory", "ferry", "frigate", "galleon", "gondola", "junk", "kayak", "ketch", "launch", "longboat", "lugger",
  "punt", "raft", "schooner", "scow", "skiff", "sloop", "smack", "tender", "trawler", "tug", "wherry", "yacht", "yawl",
];

export function randomName(taken: (name: string) => boolean, random: () => number = Math.random): string {
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  for (let attempt = 0; ; attempt++) {
    const name = `${pick(ADJECTIVES)}_${pick(NOUNS)}${attempt >= 10 ? Math.floor(random() * 10) : ""}`;
    if (!taken(name)) return name;
  }
}
