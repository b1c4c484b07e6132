// The states every panel shares: loading, empty, stale (stream dropped), error (with what to do).
import { Button } from '@zendeskgarden/react-buttons';
import { Dots } from '@zendeskgarden/react-loaders';
import { Alert } from '@zendeskgarden/react-notifications';
import { Paragraph } from '@zendeskgarden/react-typography';
import styled from 'styled-components';
import { useApp } from '../app-context.js';

const Centered = styled.div`
  display: flex;
  gap: 8px;
  align-items: center;
  padding: 8px 0;
`;

export function Loading() {
  const { tr } = useApp();
  return (
    <Centered role="status">
      <Dots aria-hidden="true" />
      <span>{tr.t('app.loading')}</span>
    </Centered>
  );
}

export function EmptyState({ children }: { children: string }) {
  return <Paragraph role="status">{children}</Paragraph>;
}

export function StaleNotice() {
  const { tr } = useApp();
  return (
    <Alert type="warning" role="status">
      <Alert.Title>{tr.t('stale.title')}</Alert.Title>
      <Alert.Paragraph>{tr.t('stale.body')}</Alert.Paragraph>
    </Alert>
  );
}

/** The API's own message (it says what is wrong), then what the user can do about it. */
export function ErrorNotice({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { tr } = useApp();
  return (
    <Alert type="error" role="alert">
      <Alert.Title>{tr.t('error.title')}</Alert.Title>
      <Alert.Paragraph>{error.message}</Alert.Paragraph>
      <Alert.Paragraph>{tr.t('error.whatToDo')}</Alert.Paragraph>
      {onRetry && (
        <Button size="small" onClick={onRetry}>
          {tr.t('error.retry')}
        </Button>
      )}
    </Alert>
  );
}
