/** @module Case intake port: how intake channels (110 linkage, city platform, ...) turn a request into a case. */
import type { IntakeCaseInput } from '../core/plugin-api.ts';

/** A request arriving from an intake channel. */
export type CaseIntakeInput = IntakeCaseInput;

/** The case a request became. */
export interface CaseIntakeResult {
  caseId: string;
  caseNumber: string;
  /** True when (channel, externalId) was seen before and no new case was made. */
  isDuplicate: boolean;
}

/** A workflow action an outside system takes on a case through its plugin (e.g. an approval decision). */
export interface PluginCaseActionInput {
  /** The plugin that reported it; the case history and audit log name `plugin:<name>` as the actor. */
  plugin: string;
  caseId: string;
  /** A workflow action whose transition allows the role `plugin`. */
  action: string;
  input: Record<string, unknown>;
}

/** The case after a plugin's action. */
export interface PluginCaseActionResult {
  caseId: string;
  caseNumber: string;
  status: string;
}

/** Turns channel requests into cases, exactly one per (channel, externalId). */
export interface CaseIntakePort {
  intakeCase(input: CaseIntakeInput): Promise<CaseIntakeResult>;
  /**
   * Takes a workflow action on a case as the role `plugin` (the workflow decides whether it may);
   * absent where no case management runs (the stand-in intake recorder).
   */
  takeCaseAction?(input: PluginCaseActionInput): Promise<PluginCaseActionResult>;
}

/** A stored intake request (the stand-in for cases until case management exists). */
export interface IntakeRequest {
  id: string;
  caseNumber: string;
  channel: string;
  externalId: string;
  category: string | null;
  text: string;
  location: CaseIntakeInput['location'] | null;
  requester: CaseIntakeInput['requester'] | null;
  createdAt: string;
}

/** Intake requests repository. */
export interface IntakeRequestRepository {
  findByExternalId(channel: string, externalId: string): Promise<IntakeRequest | null>;
  insert(request: IntakeRequest): Promise<void>;
  list(): Promise<IntakeRequest[]>;
  count(): Promise<number>;
}
