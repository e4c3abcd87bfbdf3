import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { compileTemplates, type TemplateSet } from './compile.js';
import { createRenderer } from './render.js';

/**
 * The approved templates ship beside this file as YAML, so writers and reviewers edit plain data.
 * They are read once, synchronously, at module load: they are this package's own files (no
 * configuration, no network), and a broken set must stop the service at start-up with an error
 * naming the act and the language rather than fail in the middle of a conversation.
 */
function readTemplates(): TemplateSet {
  const files = { en: 'en.yaml', es: 'es.yaml' } as const;
  const read = (name: string): unknown => parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'));
  return compileTemplates({ en: read(files.en), es: read(files.es) }, { en: `knowledge/templates/${files.en}`, es: `knowledge/templates/${files.es}` });
}

export const approvedTemplates: TemplateSet = readTemplates();

const renderer = createRenderer(approvedTemplates);

/** Renders a speech act from the approved templates (see Renderer.render). */
export const render = renderer.render;
/** Renders an act named at run time (see Renderer.renderAct). */
export const renderAct = renderer.renderAct;
/** Opening hours as an {hours} slot renders them (see Renderer.formatHours). */
export const formatHoursSlot = renderer.formatHours;
