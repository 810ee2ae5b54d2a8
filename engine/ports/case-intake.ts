/** @module Case intake port: how intake channels (110 linkage, city platform, ...) turn a request into a case. */

/** A request arriving from an intake channel. */
export interface CaseIntakeInput {
  /** Channel code, e.g. `110`, `city-platform`. */
  channel: string;
  /** The outside system's id of the request; (channel, externalId) is unique. */
  externalId: string;
  category?: string;
  text: string;
  location?: { address?: string; lat?: number; lng?: number };
  requester?: { name?: string; phone?: string };
}

/** The case a request became. */
export interface CaseIntakeResult {
  caseId: string;
  caseNumber: string;
  /** True when (channel, externalId) was seen before and no new case was made. */
  isDuplicate: boolean;
}

/** Turns channel requests into cases, exactly one per (channel, externalId). */
export interface CaseIntakePort {
  intakeCase(input: CaseIntakeInput): Promise<CaseIntakeResult>;
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
