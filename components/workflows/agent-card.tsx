"use client";

import type { DragEvent, KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { Icon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { modelSummary } from "./credential-choice";
import { ModelKeyPicker, ToolCredentialsPicker } from "./credential-picker";
import type { AgentErrors, AgentField, DraftAgent } from "./crew-draft";
import { MODEL_LIST_ID } from "./model-suggestions";
import { ToneInput } from "./graph-editor/tone-input";

export interface AgentCardProps {
  agent: DraftAgent;
  index: number;
  count: number;
  defaultModel: string;
  errors?: AgentErrors;
  dragging: boolean;
  dropTarget: boolean;
  onChange: (field: AgentField, value: string) => void;
  onCredentialsChange: (ids: string[]) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  onDragStart: (e: DragEvent<HTMLElement>) => void;
  onDragOver: (e: DragEvent<HTMLElement>) => void;
  onDrop: (e: DragEvent<HTMLElement>) => void;
  onDragEnd: () => void;
}

function GripIcon() {
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true" className="size-4" fill="currentColor">
      {[6, 10, 14].flatMap((y) => [7, 13].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r={1.3} />))}
    </svg>
  );
}

function ArrowIcon({ up }: { up: boolean }) {
  return (
    <svg
      viewBox="0 0 20 20"
      aria-hidden="true"
      className="size-4"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={up ? "M10 15V5M5.5 9.5 10 5l4.5 4.5" : "M10 5v10M5.5 10.5 10 15l4.5-4.5"} />
    </svg>
  );
}

/** One agent of the crew being edited: reorder by dragging the handle, the arrow buttons or Alt+Arrow keys. */
export function AgentCard(props: AgentCardProps) {
  const { agent, index, count, defaultModel, errors = {}, dragging, dropTarget } = props;
  const name = agent.role.trim() || `agent ${index + 1}`;

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    e.preventDefault();
    props.onMove(e.key === "ArrowUp" ? index - 1 : index + 1);
  }

  return (
    <li
      data-testid="agent-card"
      data-key={agent.key}
      data-role={agent.role}
      onKeyDown={onKeyDown}
      onDragOver={props.onDragOver}
      onDrop={props.onDrop}
      className={cn(
        "rounded-lg border bg-white shadow-xs transition",
        dragging ? "opacity-50" : "",
        dropTarget ? "border-accent ring-2 ring-accent/30" : "border-zinc-200",
      )}
    >
      <div className="flex items-center gap-2 border-b border-zinc-100 px-3 py-2">
        <button
          type="button"
          draggable
          onDragStart={props.onDragStart}
          onDragEnd={props.onDragEnd}
          aria-label={`Reorder ${name}: drag, or press Alt+Up or Alt+Down`}
          title="Drag to reorder (or Alt+↑ / Alt+↓)"
          data-testid="drag-handle"
          className="grid size-8 cursor-grab place-items-center rounded-md text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 focus-visible:outline-2 focus-visible:outline-accent active:cursor-grabbing"
        >
          <GripIcon />
        </button>
        <span
          className="grid size-6 shrink-0 place-items-center rounded-full bg-zinc-900 text-xs font-semibold text-white"
          aria-hidden="true"
        >
          {index + 1}
        </span>
        <p className="min-w-0 flex-1 truncate text-sm">
          <span className="sr-only">Step {index + 1}: </span>
          <span className="font-semibold text-zinc-900">{agent.role.trim() || "Untitled agent"}</span>
          <span className="ml-2 hidden text-xs text-zinc-500 sm:inline">
            {agent.model.trim() ? modelSummary(agent.model) : `${defaultModel} (default)`}
          </span>
        </p>
        <div className="flex items-center">
          <Button
            variant="ghost"
            size="sm"
            className="px-2"
            aria-label={`Move ${name} up`}
            disabled={index === 0}
            onClick={() => props.onMove(index - 1)}
          >
            <ArrowIcon up />
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="px-2"
            aria-label={`Move ${name} down`}
            disabled={index === count - 1}
            onClick={() => props.onMove(index + 1)}
          >
            <ArrowIcon up={false} />
          </Button>
          <Button
            variant="danger-ghost"
            size="sm"
            aria-label={`Remove ${name}`}
            disabled={count <= 1}
            title={count <= 1 ? "A crew needs at least one agent" : undefined}
            onClick={props.onRemove}
          >
            <Icon name="close" className="size-4 sm:hidden" />
            <span className="hidden sm:inline">Remove</span>
          </Button>
        </div>
      </div>
      <div className="grid gap-4 p-4 sm:grid-cols-2">
        <Field label="Role" error={errors.role}>
          <Input
            value={agent.role}
            onChange={(e) => props.onChange("role", e.target.value)}
            maxLength={60}
            placeholder="researcher"
            data-field="role"
          />
        </Field>
        <Field label="Model" hint={`Leave empty to use the workflow default, ${defaultModel}.`} error={errors.model}>
          <Input
            value={agent.model}
            onChange={(e) => props.onChange("model", e.target.value)}
            list={MODEL_LIST_ID}
            maxLength={1000}
            placeholder={`${defaultModel} (default)`}
            data-field="model"
          />
        </Field>
        <ModelKeyPicker
          model={agent.model}
          defaultModel={defaultModel}
          onChange={(model) => props.onChange("model", model)}
        />
        <Field label="Response tone" hint="Leave empty to take the crew's tone." error={errors.responseTone}>
          <ToneInput
            id={`${agent.key}-responseTone`}
            value={agent.responseTone}
            placeholder="The crew's tone"
            onChange={(value) => props.onChange("responseTone", value)}
          />
        </Field>
        {agent.tools?.includes("http_request") || agent.credentials.length ? (
          <ToolCredentialsPicker selected={agent.credentials} onChange={props.onCredentialsChange} />
        ) : null}
        <Field label="System prompt" error={errors.systemPrompt} className="sm:col-span-2">
          <Textarea
            value={agent.systemPrompt}
            onChange={(e) => props.onChange("systemPrompt", e.target.value)}
            rows={3}
            placeholder="What this agent does with the input and the previous agents' output."
            data-field="systemPrompt"
          />
        </Field>
      </div>
    </li>
  );
}
