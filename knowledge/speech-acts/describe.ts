import type { z } from 'zod';
import { speechActs, type SpeechActId } from './catalogue.js';
import type { MessagePurpose } from '../../guardrails/index.js';
import { slotKindOf, type SlotKind } from './slots.js';

export interface SlotInfo {
  name: string;
  kind: SlotKind;
  optional: boolean;
}

/** What the renderer, the gate and the template validation need to know about one act. */
export interface SpeechActInfo {
  id: SpeechActId;
  purpose: MessagePurpose;
  revealsDebt: boolean;
  description: string;
  schema: z.ZodType;
  slots: readonly SlotInfo[];
  /** Slots holding money: their amounts are the act's allowed amounts for the gate. */
  moneySlots: readonly string[];
  /** Slots holding calendar dates: their dates are the act's allowed dates for the gate. */
  dateSlots: readonly string[];
}

export const speechActIds = Object.keys(speechActs) as SpeechActId[];

const infoById = new Map<string, SpeechActInfo>(
  speechActIds.map((id) => {
    const spec = speechActs[id];
    const slots = Object.entries(spec.slots as Record<string, z.ZodType>).map(([name, schema]) => ({ name, ...slotKindOf(schema) }));
    return [
      id,
      {
        id,
        purpose: spec.purpose,
        revealsDebt: spec.revealsDebt,
        description: spec.description,
        schema: spec.schema,
        slots,
        moneySlots: slots.filter((slot) => slot.kind === 'money').map((slot) => slot.name),
        dateSlots: slots.filter((slot) => slot.kind === 'date').map((slot) => slot.name),
      },
    ];
  }),
);

export function isSpeechActId(id: string): id is SpeechActId {
  return infoById.has(id);
}

/** The act's description; an unknown id is refused with the list of known ones nearby. */
export function describeSpeechAct(id: string): SpeechActInfo {
  const info = infoById.get(id);
  if (!info) throw new UnknownSpeechActError(id);
  return info;
}

export class UnknownSpeechActError extends Error {
  constructor(readonly speechAct: string) {
    const near = speechActIds.filter((known) => known.split('.')[0] === speechAct.split('.')[0]);
    super(`unknown speech act "${speechAct}"${near.length > 0 ? ` (did you mean one of: ${near.join(', ')}?)` : ''}`);
    this.name = 'UnknownSpeechActError';
  }
}
