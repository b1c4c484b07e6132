import { systemClock } from '../clock.js';
import { describeJobQueue } from './job-queue.contract.js';
import { InProcessQueue } from './in-process-queue.js';

describeJobQueue('InProcessQueue', async () => new InProcessQueue(systemClock));
