/**
 * A mermaid `stateDiagram-v2` of the BRP machine, generated from the machine definition itself (states,
 * transitions and guard names of `brpMachine.root`), so the documentation cannot drift from the code.
 * Deterministic: states in document order, transitions in the order of each state's `on` block.
 */

import { brpMachine, guardName } from './machine';

export function renderMachineDiagram(): string {
  const lines: string[] = ['stateDiagram-v2'];
  const root = brpMachine.root;

  for (const initial of root.initial.target) lines.push(`    [*] --> ${initial.key}`);

  const nodes = Object.values(root.states);
  for (const node of nodes) {
    for (const [eventType, definitions] of node.transitions) {
      for (const definition of definitions) {
        const guard = guardName(definition);
        const label = guard === null ? eventType : `${eventType} [${guard}]`;
        for (const target of definition.target ?? []) lines.push(`    ${node.key} --> ${target.key} : ${label}`);
      }
    }
  }

  for (const node of nodes) {
    if (node.type === 'final') lines.push(`    ${node.key} --> [*]`);
  }

  return `${lines.join('\n')}\n`;
}
