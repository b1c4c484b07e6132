// A few short facts, one a line, closer together than paragraphs (the ticket and its requester).
import styled from 'styled-components';

export const Facts = styled.ul`
  display: flex;
  flex-direction: column;
  gap: 2px;
  margin: ${(p) => p.theme.space.xxs} 0 0;
  padding: 0;
  list-style: none;
`;
