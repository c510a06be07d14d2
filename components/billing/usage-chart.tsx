"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageDay } from "@/lib/queries/billing-types";
import { formatSteps } from "./format-billing";

const day = (date: string) => String(Number(date.slice(8, 10)));

/**
 * Workflow steps per day of the month (UTC). The drawing is hidden from
 * assistive technology (and not focusable); a table carries the same numbers.
 */
export function UsageChart({ daily }: { daily: UsageDay[] }) {
  return (
    <figure>
      <div className="h-56 w-full text-accent" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={daily} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid vertical={false} stroke="#e4e4e7" />
            <XAxis
              dataKey="date"
              tickFormatter={day}
              tickLine={false}
              axisLine={false}
              fontSize={12}
              interval="preserveStartEnd"
            />
            <YAxis allowDecimals={false} tickLine={false} axisLine={false} fontSize={12} />
            <Tooltip
              cursor={{ fill: "#f4f4f5" }}
              formatter={(value) => [formatSteps(Number(value)), "Steps"]}
              labelFormatter={(label) => String(label)}
            />
            <Bar dataKey="steps" fill="currentColor" isAnimationActive={false} radius={[3, 3, 0, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>Workflow steps per day</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Steps</th>
            <th scope="col">Runs</th>
          </tr>
        </thead>
        <tbody>
          {daily
            .filter((d) => d.steps > 0)
            .map((d) => (
              <tr key={d.date}>
                <td>{d.date}</td>
                <td>{d.steps}</td>
                <td>{d.runs}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </figure>
  );
}
