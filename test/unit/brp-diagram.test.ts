import { describe, expect, it } from 'vitest';
import { renderMachineDiagram } from '../../extensions/labour-platform/src/domain/brp/diagram';
import {
  BRP_EVENT_TYPES,
  FINAL_STATUSES,
  MACHINE_STATUSES,
} from '../../extensions/labour-platform/src/domain/brp/machine';

const EXPECTED = `stateDiagram-v2
    [*] --> geen
    geen --> ingeschreven : ASSESS [outcomeRegistered]
    geen --> niet_ingeschreven : ASSESS [outcomeNotRegistered]
    geen --> vertrokken : REPORT_DEPARTURE
    niet_ingeschreven --> ingepland : SCHEDULE [expectsLongStay]
    niet_ingeschreven --> rni : REFER_TO_RNI [expectsShortStay]
    niet_ingeschreven --> vertrokken : REPORT_DEPARTURE
    ingepland --> afspraak_bevestigd : CONFIRM_APPOINTMENT
    ingepland --> niet_ingeschreven : DECLINE_APPOINTMENT
    ingepland --> vertrokken : REPORT_DEPARTURE
    afspraak_bevestigd --> ingeschreven : REGISTER [atConfirmedAppointment]
    afspraak_bevestigd --> niet_ingeschreven : NO_SHOW
    afspraak_bevestigd --> vertrokken : REPORT_DEPARTURE
    ingeschreven --> vertrek_gemeld : REPORT_DEPARTURE
    rni --> vertrokken : REPORT_DEPARTURE
    vertrek_gemeld --> uitgeschreven : DEREGISTER
    uitgeschreven --> [*]
    vertrokken --> [*]
`;

describe('renderMachineDiagram', () => {
  const diagram = renderMachineDiagram();
  const lines = diagram.trimEnd().split('\n');

  it('is a mermaid state diagram starting in geen', () => {
    expect(lines[0]).toBe('stateDiagram-v2');
    expect(lines[1]).toBe('    [*] --> geen');
  });

  it('names every state and every event', () => {
    for (const status of MACHINE_STATUSES) expect(diagram).toMatch(new RegExp(`\\b${status}\\b`));
    for (const type of BRP_EVENT_TYPES) expect(diagram).toContain(` : ${type}`);
  });

  it('ends every final state, and only those', () => {
    const ends = lines.filter((line) => line.endsWith('--> [*]')).map((line) => line.trim().split(' ')[0]);
    expect(ends).toEqual([...FINAL_STATUSES]);
  });

  it('labels guarded transitions with their guard', () => {
    expect(diagram).toContain('niet_ingeschreven --> ingepland : SCHEDULE [expectsLongStay]');
    expect(diagram).toContain('niet_ingeschreven --> rni : REFER_TO_RNI [expectsShortStay]');
    expect(diagram).toContain('afspraak_bevestigd --> ingeschreven : REGISTER [atConfirmedAppointment]');
  });

  it('has no transition out of a final state', () => {
    for (const status of FINAL_STATUSES) expect(diagram).not.toContain(`    ${status} --> ${'v'}`);
    for (const status of FINAL_STATUSES) {
      expect(lines.filter((line) => line.startsWith(`    ${status} --> `))).toEqual([`    ${status} --> [*]`]);
    }
  });

  it('is stable', () => {
    expect(renderMachineDiagram()).toBe(diagram);
    expect(diagram).toBe(EXPECTED);
  });
});
