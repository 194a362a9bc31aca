// CloudFormation's YAML short forms (`!Ref`, `!Sub`, …) and the long form each one stands for.

const SHORT_TAG_TO_FUNCTION: ReadonlyMap<string, string> = new Map([
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
  ['!Sub', 'Fn::Sub'],
  ['!GetAtt', 'Fn::GetAtt'],
  ['!If', 'Fn::If'],
  ['!Join', 'Fn::Join'],
  ['!Select', 'Fn::Select'],
  ['!Split', 'Fn::Split'],
  ['!FindInMap', 'Fn::FindInMap'],
  ['!Equals', 'Fn::Equals'],
  ['!Not', 'Fn::Not'],
  ['!And', 'Fn::And'],
  ['!Or', 'Fn::Or'],
  ['!Base64', 'Fn::Base64'],
  ['!Cidr', 'Fn::Cidr'],
  ['!GetAZs', 'Fn::GetAZs'],
  ['!ImportValue', 'Fn::ImportValue'],
  ['!Transform', 'Fn::Transform'],
  ['!Length', 'Fn::Length'],
  ['!ToJsonString', 'Fn::ToJsonString'],
]);

/** Long name for a short tag (`!GetAtt` → `Fn::GetAtt`), or undefined when CloudFormation has no such tag. */
export function functionForTag(tag: string): string | undefined {
  return SHORT_TAG_TO_FUNCTION.get(tag);
}

export function knownShortTags(): string[] {
  return [...SHORT_TAG_TO_FUNCTION.keys()];
}
