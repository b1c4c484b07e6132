// Today / 7 days / 30 days as keyboard-navigable tabs; only the selected period's content is rendered.
import type { PeriodName } from '@frontline/connector/api';
import { Tabs } from '@zendeskgarden/react-tabs';
import type { ReactNode } from 'react';
import { useApp } from '../app-context.js';
import { PERIODS } from '../dashboard.js';

export interface PeriodTabsProps {
  readonly period: PeriodName;
  readonly onChange: (period: PeriodName) => void;
  readonly children: ReactNode;
}

export function PeriodTabs({ period, onChange, children }: PeriodTabsProps) {
  const { tr } = useApp();
  return (
    <Tabs selectedItem={period} onChange={(item: PeriodName) => onChange(item)}>
      <Tabs.TabList aria-label={tr.t('period.label')}>
        {PERIODS.map((p) => (
          <Tabs.Tab key={p} item={p}>
            {tr.t(`period.${p}`)}
          </Tabs.Tab>
        ))}
      </Tabs.TabList>
      {PERIODS.map((p) => (
        <Tabs.TabPanel key={p} item={p}>
          {p === period ? children : null}
        </Tabs.TabPanel>
      ))}
    </Tabs>
  );
}
