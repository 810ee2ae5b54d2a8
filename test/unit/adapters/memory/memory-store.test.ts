/** @module The in-memory store passes the Store contract. */
import { MemoryStore } from '../../../../engine/adapters/memory/memory-store.ts';
import { describeStoreContract } from '../../../support/store-contract.ts';

describeStoreContract('in-memory', async () => new MemoryStore());
