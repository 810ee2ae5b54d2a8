/** @module What the approval and 110 plugins make of the messages their outside systems send back: recorded statuses, and the workflow action a decision or feedback takes. */
import { describe, expect, it } from 'vitest';
import { handoffCommandsOf } from '../../../../plugins/approval/index.ts';
import { commandsOf, handoffOf } from '../../../../plugins/linkage-110/index.ts';

describe('approval plugin: reports back', () => {
  it('records a progress status without moving the case', () => {
    expect(handoffCommandsOf({ handoffId: 'AP-1', caseNumber: '2026-000001', status: 'accepted' })).toEqual([
      {
        type: 'trackHandoff',
        input: { caseNumber: '2026-000001', externalId: 'AP-1', status: 'accepted' },
      },
    ]);
  });

  it('turns a decision into the configured workflow action with its reason, who and when', () => {
    const [command] = handoffCommandsOf(
      {
        reports: [
          {
            handoffId: 'AP-2',
            caseNumber: '2026-000002',
            caseId: 'case-2',
            status: 'rejected',
            reason: ' 场所不符合条件 ',
            decidedBy: '王科长',
            at: '2026-11-25T02:00:00.000Z',
          },
        ],
      },
      { decisionAction: 'licenceDecided' },
    );
    expect(command).toEqual({
      type: 'trackHandoff',
      input: {
        caseNumber: '2026-000002',
        externalId: 'AP-2',
        status: 'rejected',
        caseId: 'case-2',
        note: '场所不符合条件',
        at: '2026-11-25T02:00:00.000Z',
        action: {
          name: 'licenceDecided',
          input: {
            decision: 'rejected',
            handoffId: 'AP-2',
            reason: '场所不符合条件',
            decidedBy: '王科长',
            decidedAt: '2026-11-25T02:00:00.000Z',
          },
        },
      },
    });
    // Without a config the seed workflow's action is named; what is missing is left to the workflow to refuse.
    const [approved] = handoffCommandsOf({
      handoffId: 'AP-3',
      caseNumber: '2026-000003',
      status: 'approved',
    });
    expect(approved!.type === 'trackHandoff' && approved!.input.action).toEqual({
      name: 'approvalDecided',
      input: { decision: 'approved', handoffId: 'AP-3' },
    });
  });

  it('drops reports that name no item, case or status', () => {
    expect(handoffCommandsOf({ reports: [{ caseNumber: 'x', status: 'approved' }, null, 'text'] })).toEqual(
      [],
    );
  });
});

describe('110 linkage plugin: both ways', () => {
  it('maps handled and returned feedback to the feedback action, and received to a status only', () => {
    const commands = commandsOf(
      {
        feedback: [
          { incidentId: 'JJ-1', caseNumber: '2026-000010', outcome: 'received' },
          {
            incidentId: 'JJ-1',
            caseNumber: '2026-000010',
            outcome: 'handled',
            result: '已调解',
            handledBy: '城东派出所',
            handledAt: '2026-11-25T03:00:00.000Z',
          },
          { incidentId: 'JJ-2', caseNumber: '2026-000011', outcome: 'returned', result: '非警务' },
          { incidentId: 'JJ-3', caseNumber: '2026-000012', outcome: 'DROP TABLE' },
        ],
      },
      {},
    );
    expect(
      commands.map((c) => (c.type === 'trackHandoff' ? [c.input.status, c.input.action?.name] : [])),
    ).toEqual([
      ['received', undefined],
      ['handled', 'policeFeedback'],
      ['returned', 'policeFeedback'],
    ]);
    expect(commands[1]!.type === 'trackHandoff' && commands[1]!.input.action!.input).toEqual({
      outcome: 'handled',
      handoffId: 'JJ-1',
      result: '已调解',
      handledBy: '城东派出所',
      handledAt: '2026-11-25T03:00:00.000Z',
    });
  });

  it('still turns incidents into intakes, leaving police matters with the police', () => {
    const commands = commandsOf(
      {
        incidents: [
          { incidentId: 'I-1', description: '噪音扰民' },
          { incidentId: 'I-2', description: '持刀伤人', isPoliceMatter: true },
        ],
      },
      {},
    );
    expect(commands.map((c) => c.type === 'intakeCase' && c.input.externalId)).toEqual(['I-1']);
  });

  it('hands 110 the case, its incident type and location, and nothing of the requester', () => {
    const sent = handoffOf(
      {
        caseId: 'case-9',
        caseNumber: '2026-000009',
        channel: 'hotline',
        externalId: null,
        category: 'education.school',
        action: 'handOffToPolice',
        itemCode: 'fight',
        text: '有人推搡',
        leadUnitId: null,
        deadline: null,
        location: { address: '学院路 3 号' },
        requesterPhone: '13900000000',
      },
      '2026-11-25T02:00:00.000Z',
    );
    expect(sent).toEqual({
      caseNumber: '2026-000009',
      caseId: 'case-9',
      category: 'education.school',
      incidentType: 'fight',
      text: '有人推搡',
      location: { address: '学院路 3 号' },
      channel: 'hotline',
      externalId: null,
      handedOffAt: '2026-11-25T02:00:00.000Z',
    });
  });
});
