// The first sync, as its admin watches it: how much of the last 60 days is in, the KPIs still
// waiting, then how far the older history has come. Gone once everything is synced.
import type { ConnectionStatusResponse } from '@frontline/connector/api';
import { isKpiKey } from '@frontline/kpi';
import { Progress } from '@zendeskgarden/react-loaders';
import { Paragraph } from '@zendeskgarden/react-typography';
import { useEffect, useId, useState } from 'react';
import { useApp } from '../app-context.js';
import { Section } from './Section.js';

const POLL_MS = 3_000;

const percent = (share: number): string => `${Math.floor(share * 100)}%`;

export function SetupProgress() {
  const { client, tr } = useApp();
  const [status, setStatus] = useState<ConnectionStatusResponse | 'unavailable' | null>(null);
  const labelId = useId();

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () =>
      client.connectionStatus().then(
        (next) => {
          if (!live) return;
          setStatus(next);
          if (!(next.recent.share >= 1 && next.history.done && next.manualSteps.length === 0))
            timer = setTimeout(poll, POLL_MS);
        },
        // An older connector has no status route: the panel stays away rather than show an error.
        () => live && setStatus('unavailable'),
      );
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client]);

  if (status === null || status === 'unavailable') return null;
  const steps = status.manualSteps.length > 0 && (
    <Section title={tr.t('setup.byHand')}>
      <ol>
        {status.manualSteps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </Section>
  );
  if (status.recent.share >= 1 && status.history.done) return steps || null;
  const waiting = Object.entries(status.recent.byKpi)
    .filter(([, share]) => share < 1)
    .sort(([, a], [, b]) => a - b)
    .slice(0, 4)
    .map(([kpi, share]) => `${isKpiKey(kpi) ? tr.t(`kpi.${kpi}`) : kpi} ${percent(share)}`);
  return (
    <Section title={tr.t('setup.heading')}>
      <Paragraph id={labelId}>{tr.t('setup.recent', { percent: percent(status.recent.share) })}</Paragraph>
      <Progress value={Math.floor(status.recent.share * 100)} aria-labelledby={labelId} />
      {waiting.length > 0 && <Paragraph>{tr.t('setup.waiting', { kpis: waiting.join(', ') })}</Paragraph>}
      {status.recent.share >= 1 && (
        <Paragraph role="status">
          {status.history.reachedTime === null
            ? tr.t('setup.historyStarting')
            : tr.t('setup.history', {
                date: new Date(status.history.reachedTime).toLocaleDateString(tr.locale, { dateStyle: 'medium' }),
              })}
        </Paragraph>
      )}
      {status.webhooks === 'none' && <Paragraph>{tr.t('setup.noWebhooks')}</Paragraph>}
      {steps}
    </Section>
  );
}
