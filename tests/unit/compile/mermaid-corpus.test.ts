import { describe, expect, it } from 'vitest';
import { compileText, errorsOf } from '../helpers.ts';

/**
 * Diagrams written in the forms Mermaid's syntax documentation shows (flowchart.md, sequenceDiagram.md,
 * stateDiagram.md, classDiagram.md, entityRelationshipDiagram.md, xyChart.md). Valid ones must reach the SVG
 * whole: the counts and labels below were worked out by hand from Mermaid's rules, not from our output.
 * Invalid ones (and valid Mermaid the renderer cannot draw) must stop the build at their line.
 */
const VALID: [name: string, source: string, counts: Record<string, number>, labels?: string[]][] = [
  ['a bare node', 'flowchart LR\n    id', { node: 1, edge: 0 }, ['id']],
  [
    'node shapes',
    'flowchart LR\n  a(Round) --> b([Stadium]) --> c[[Sub]] --> d[(Db)]\n  d --> e((Circle)) --> f>Flag] --> g{Rhombus} --> h{{Hex}}\n  h --> i[/Trap\\] --> j[\\Alt/] --> k(((Double)))',
    { node: 11, edge: 10 },
    ['Round', 'Stadium', 'Sub', 'Db', 'Circle', 'Flag', 'Rhombus', 'Hex', 'Trap', 'Alt', 'Double'],
  ],
  ['links without spaces, as the docs write them', 'flowchart LR\n    A-->B\n    B---C\n    C-.->D;\n    D==>E', { node: 5, edge: 4 }],
  [
    'text on links, both ways',
    'flowchart LR\n    A-- This is the text! ---B\n    B---|Other text|C\n    C-->|text|D\n    D-- text -->E\n    E-. dotted .-> F\n    F == thick ==> G',
    { node: 7, edge: 6 },
  ],
  ['chains and &', 'flowchart LR\n   A -- text --> B -- text2 --> C\n   a --> b & c--> d\n   P & Q--> R & S', { node: 11, edge: 10 }],
  [
    'longer links and bidirectional ones',
    'flowchart TD\n    A[Start] --> B{Is it?}\n    B -->|Yes| C[OK]\n    C --> D[Rethink]\n    D --> B\n    B ---->|No| E[End]\n    E <--> A',
    { node: 5, edge: 6 },
    ['Start', 'Is it?', 'OK', 'Rethink', 'End'],
  ],
  [
    'quoted labels with brackets',
    'flowchart LR\n    id1["This is the (text) in the box"] --> id2["A ❤ label"]',
    { node: 2, edge: 1 },
    ['This is the (text) in the box', 'A ❤ label'],
  ],
  [
    'subgraphs with ids and directions',
    'flowchart TB\n    c1-->a2\n    subgraph one\n    a1-->a2\n    end\n    subgraph ide1 [two]\n    direction LR\n    b1-->b2\n    end',
    { node: 5, edge: 3 },
  ],
  [
    'classes, styles, comments, click and front matter',
    '---\ntitle: Styled\n---\nflowchart LR\n    %% a comment A --> Z\n    A:::someclass --> B\n    classDef someclass fill:#f96;\n    style B fill:#bbf,stroke:#f66\n    class B someclass\n    linkStyle 0 stroke:#ff3\n    click A "https://example.com"',
    { node: 2, edge: 1 },
  ],
  ['graph with no direction', 'graph\n  A --> B', { node: 2, edge: 1 }],
  [
    'sequence: messages, notes and blocks',
    'sequenceDiagram\n    participant A as Alice\n    actor J as John\n    A->>J: Hello John, how are you?\n    loop Every minute\n        J-->>A: Great!\n    end\n    Note right of J: Rational thoughts\n    alt is sick\n        J->>A: Not so good\n    else is well\n        J->>A: Feeling fresh\n    end\n    opt Extra\n        A-)J: Async\n    end\n    par Alice to John\n        A-xJ: Cross\n    and Alice to John again\n        A--xJ: Dotted cross\n    end\n    A->>+J: Activate\n    J-->>-A: Deactivate',
    { actor: 2, message: 9, block: 4, note: 1 },
  ],
  [
    'sequence: critical, break and rect',
    'sequenceDiagram\n    critical Connect\n        A->B: open\n    end\n    break when full\n        A-->B: stop\n    end\n    rect rgb(191, 223, 255)\n        B->>A: done\n    end',
    { actor: 2, message: 3, block: 3 },
  ],
  [
    'state diagram',
    'stateDiagram-v2\n    [*] --> Still\n    Still --> [*]\n    Still --> Moving\n    Moving --> Still\n    Moving --> Crash\n    Crash --> [*]',
    { node: 6, edge: 6 },
  ],
  [
    'state: descriptions, aliases, composites',
    'stateDiagram-v2\n    state "This is a state description" as s2\n    s1 : also a description\n    [*] --> First\n    state First {\n        [*] --> second\n        second --> [*]\n    }\n    First --> s1 : a label\n    s1 --> s2',
    { edge: 5 },
  ],
  [
    'class diagram',
    'classDiagram\n    Animal <|-- Duck\n    Animal <|-- Fish\n    Animal : +int age\n    Animal: +isMammal()\n    class Duck{\n        +String beakColor\n        +swim()\n    }\n    class Fish\n    classA --* classB : Composition\n    classC --o classD\n    classE ..> classF\n    classG ..|> classH',
    { 'class-node': 11, 'class-relationship': 6 },
  ],
  [
    'ER diagram',
    'erDiagram\n    CUSTOMER ||--o{ ORDER : places\n    ORDER ||--|{ LINE-ITEM : contains\n    CUSTOMER }|..|{ DELIVERY-ADDRESS : uses\n    CUSTOMER {\n        string name\n        string custNumber PK "the id"\n    }',
    { entity: 4, 'er-relationship': 3 },
  ],
  [
    'xy chart',
    'xychart-beta\n    title "Sales Revenue"\n    x-axis [jan, feb, mar, apr]\n    y-axis "Revenue (in $)" 4000 --> 11000\n    bar [5000, 6000, 7500, 8200]\n    line [5000, 6000, 7500, 8200]',
    { 'path.xychart-bar': 4, 'path.xychart-line': 1 },
  ],
];

/** [name, source, line inside the fence (1 = the header), what the message says] */
const INVALID: [string, string, number, RegExp][] = [
  ["a one-dash link (the issue's example)", 'graph LR\n  Q[Query] -> P{Planner}', 2, /`->` is not a Mermaid link/],
  ['an unknown direction', 'graph XY\n  A --> B', 1, /cannot read the first line/],
  ['an unclosed loop', 'sequenceDiagram\n  loop every minute\n    A->>B: ping\n  A->>B: pong', 2, /this `loop` is never closed/],
  ['an end with nothing to close', 'sequenceDiagram\n  A->>B: hi\n  end', 3, /`end` closes nothing/],
  ['else outside alt', 'sequenceDiagram\n  A->>B: hi\n  else no', 3, /`else` outside a block/],
  ['an unclosed subgraph', 'flowchart LR\n  subgraph one\n  A --> B', 2, /this `subgraph` is never closed/],
  ['a link to nothing', 'flowchart LR\n  A --> B\n  B -->', 3, /the link has no node at its end/],
  ['text after the last node', 'flowchart LR\n  A --> B C', 2, /cannot read `C`/],
  ['two statements on a line', 'flowchart LR\n  A --> B; B --> C', 2, /cannot read `; B --> C`/],
  ['an unclosed label', 'flowchart LR\n  A[Start --> B', 2, /the label of `A` is not closed/],
  ['a circle edge (Mermaid draws it; the renderer cannot)', 'flowchart LR\n    A --o B', 2, /circle and cross arrow heads/],
  ['an invisible link', 'flowchart LR\n    A ~~~ B', 2, /invisible links/],
  ['the new shape syntax', 'flowchart LR\n    A@{ shape: rect }', 2, /shapes written `A@\{ shape: … \}`/],
  ['a parallelogram', 'flowchart TD\n    id1[/This is the text in the box/]', 2, /parallelograms/],
  ['a message without text', 'sequenceDiagram\n  A->>B: hi\n  A->>: nobody', 3, /a message needs a sender, a receiver and text/],
  ['autonumber (numbers the renderer would not draw)', 'sequenceDiagram\n  autonumber\n  A->>B: hi', 2, /`autonumber` is not supported/],
  ['a state alone on a line', 'stateDiagram-v2\n  [*] --> A\n  Lonely', 3, /a state alone on a line is not drawn/],
  ['an unclosed composite state', 'stateDiagram-v2\n  state Big {\n    a --> b', 2, /this `state` is never closed/],
  ['a class relationship without spaces', 'classDiagram\n  Animal<|--Duck', 2, /cannot read this line/],
  ['an unclosed class body', 'classDiagram\n  class Duck{\n    +swim()', 2, /this `class` is never closed/],
  ['an unknown ER cardinality', 'erDiagram\n  A ||--xx B : has', 2, /cannot read this line/],
  ['an unquoted xy title', 'xychart-beta\n  title Sales\n  bar [1, 2]', 2, /the title must be in double quotes/],
  ['a word in a data series', 'xychart-beta\n  bar [1, two]', 2, /a series is a list of numbers/],
];

const fence = (source: string) => `## T\n\n\`\`\`mermaid\n${source}\n\`\`\`\n`;

describe('Mermaid corpus: valid diagrams keep every node and edge', () => {
  it.each(VALID)('%s', (_name, source, counts, labels) => {
    const deck = compileText(fence(source));
    expect(errorsOf(deck)).toEqual([]);
    const svg = /<svg[\s\S]*<\/svg>/.exec(deck.html)![0];
    // `tag.class` or `class`: elements with that class, e.g. each drawn bar (not its legend swatch).
    for (const [key, n] of Object.entries(counts)) {
      const [tag, cls] = key.includes('.') ? key.split('.') : ['[a-z]+', key];
      expect(svg.match(new RegExp(`<${tag}\\b[^>]*\\sclass="${cls}[ "]`, 'g'))?.length ?? 0, key).toBe(n);
    }
    if (labels) {
      const drawn = [...svg.matchAll(/<g class="node" data-id="[^"]*" data-label="([^"]*)"/g)].map((m) => m[1]!.replace(/&#10084;|&#x2764;/g, '❤'));
      expect(drawn.sort()).toEqual([...labels].sort());
    }
  });
});

describe('Mermaid corpus: an invalid diagram is an error at its line', () => {
  it.each(INVALID)('%s', (_name, source, line, message) => {
    const deck = compileText(fence(source));
    // The fence opens on line 3 of the slide, so the diagram's line n is line 3 + n.
    expect(errorsOf(deck)).toMatchObject([{ file: 'deck/talk.md', line: 3 + line, code: 'diagram-error', message: expect.stringMatching(message) }]);
  });
});
