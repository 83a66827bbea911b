import * as lib from 'pptxgenjs';

// pptxgenjs types its ES module as CommonJS, so TypeScript (NodeNext) sees the class two levels down, at
// `default.default`; at run time Node loads the ES build, whose namespace's `default` is that same class.
const Pptx = (lib as unknown as { default: typeof lib.default.default }).default;
type Pptx = InstanceType<typeof Pptx>;

export { Pptx };
export type Slide = lib.default.Slide;
export type TextProps = lib.default.TextProps;
export type TextPropsOptions = lib.default.TextPropsOptions;
export type TableCell = lib.default.TableCell;
export type ChartOptions = lib.default.IChartOpts;
export type ChartSeries = lib.default.OptsChartData;
export type ChartName = lib.default.CHART_NAME;
