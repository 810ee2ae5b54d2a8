/** @module A light dot with its accessible name, the peer-group name, and the colours the light map shows. */
import type { Component } from 'solid-js';
import type { PerfKey } from '../messages.ts';
import { pt, tryPt } from '../messages.ts';
import { dt } from './messages.ts';

/** Colours of the light map in legend order; `na` marks an indicator that does not apply to the unit. */
export const MAP_COLOURS = ['green', 'yellow', 'red', 'overdue', 'grey', 'na'] as const;

/** The name of a light colour. */
export const colourName = (colour: string): string =>
  colour === 'na' ? dt('light.na') : pt(`dash.light.${colour}` as PerfKey);

/** A light dot with an accessible name. */
export const Dot: Component<{ colour: string; title?: string }> = (props) => (
  <span
    class={`perf-light perf-light--${props.colour}`}
    role="img"
    aria-label={props.title ?? colourName(props.colour)}
    title={props.title ?? colourName(props.colour)}
    data-colour={props.colour}
  />
);

/** A peer group's name (the group's id only when no name is known). */
export const groupName = (group: string): string => tryPt(`dash.group.${group}`) ?? group;
