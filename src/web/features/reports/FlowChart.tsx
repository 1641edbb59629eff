import { Box } from '@mantine/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'
import type { FlowYear } from '../../../shared/reports'

// Only what the chart uses, so the report's page carries a part of ECharts (decision 033).
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer])

export interface FlowSeriesLabels {
  outgoingStudents: string
  outgoingStaff: string
  incomingStudents: string
  incomingStaff: string
  planned: string
}

const SERIES = ['outgoingStudents', 'outgoingStaff', 'incomingStudents', 'incomingStaff'] as const
const COLOURS = ['#1c7ed6', '#74c0fc', '#e8590c', '#ffa94d']

/**
 * Mobilities realised per academic year, out and in, students and staff stacked, with the places
 * agreements plan as a line. The numbers are also in the table below it and in its label, so the
 * picture is a help, never the only way to read them.
 */
export function FlowChart({ years, labels, label }: { years: FlowYear[]; labels: FlowSeriesLabels; label: string }) {
  const element = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!element.current) return
    const chart = echarts.init(element.current, null, { renderer: 'svg' })
    const resize = () => chart.resize()
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      chart.dispose()
    }
  }, [])
  useEffect(() => {
    const chart = element.current && echarts.getInstanceByDom(element.current)
    if (!chart) return
    chart.setOption(
      {
        animation: false,
        color: [...COLOURS, '#2b8a3e'],
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0 },
        grid: { left: 40, right: 16, top: 16, bottom: 56 },
        xAxis: { type: 'category', data: years.map((y) => y.academicYear) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          ...SERIES.map((key) => ({
            name: labels[key],
            type: 'bar' as const,
            stack: 'realised',
            data: years.map((y) => y[key]),
          })),
          { name: labels.planned, type: 'line' as const, data: years.map((y) => y.planned), symbolSize: 7 },
        ],
      },
      true,
    )
  }, [years, labels])
  return (
    <Box role="img" aria-label={label}>
      <div ref={element} style={{ width: '100%', height: 300 }} aria-hidden data-testid="flow-chart" />
    </Box>
  )
}
