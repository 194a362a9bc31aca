// The room's bot: a message starting with "/" is a command; the answer goes to everyone, so the whole room
// sees the question and the reply.
import { describeOrder, findOrder, isOrderNumber } from './orders';

export const BOT_NAME = 'bot';

const HELP = 'Commands: /help, /who (who is here), /time (UTC), /roll [NdM] (dice, e.g. /roll 2d6), /order NUMBER (an order\'s status, e.g. /order 1002).';

/** The bot's answer to a message, or undefined when the message is not a command. */
export function answer(text: string, names: string[], now = new Date(), random = Math.random): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('/')) return undefined;
  const [command = '', ...args] = trimmed.slice(1).split(/\s+/);
  switch (command.toLowerCase()) {
    case 'help':
      return HELP;
    case 'who':
      return names.length === 0 ? 'Nobody is here.' : `Here: ${[...names].sort().join(', ')}.`;
    case 'time':
      return `It is ${now.toISOString().slice(11, 19)} UTC.`;
    case 'roll':
      return roll(args[0] ?? '1d6', random);
    case 'order': {
      const number = args[0] ?? '';
      if (!isOrderNumber(number)) return 'Order numbers have four digits, e.g. /order 1002.';
      const order = findOrder(number);
      return order ? describeOrder(order) : `I know no order ${number}.`;
    }
    default:
      return `I do not know /${command}. ${HELP}`;
  }
}

function roll(spec: string, random: () => number): string {
  const match = /^(\d{1,2})d(\d{1,3})$/i.exec(spec);
  const count = Number(match?.[1]);
  const sides = Number(match?.[2]);
  if (!match || count < 1 || count > 20 || sides < 2) return 'Roll like /roll 2d6: up to 20 dice of 2 to 999 sides.';
  const dice = Array.from({ length: count }, () => 1 + Math.floor(random() * sides));
  return `${spec}: ${dice.join(' + ')} = ${dice.reduce((sum, die) => sum + die, 0)}`;
}
