// A titled region: one h2 per panel, so screen-reader users can jump between them.
import { LG } from '@zendeskgarden/react-typography';
import { useId, type ReactNode } from 'react';
import styled from 'styled-components';

const Region = styled.section`
  margin-bottom: 16px;
`;

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Region aria-labelledby={id}>
      <LG tag="h2" id={id} isBold>
        {title}
      </LG>
      {children}
    </Region>
  );
}
