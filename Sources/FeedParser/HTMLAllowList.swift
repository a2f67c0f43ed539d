/// What sanitized HTML may hold: the elements, attributes, URL schemes and CSS that long-lived feed
/// readers and the well-known HTML sanitizers let through, because they can show text and images but
/// cannot run code, load frames or restyle the page around them.
enum HTMLAllowList {
    static let elements: Set<String> = [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "bdi", "bdo", "big",
        "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "details",
        "dfn", "dir", "div", "dl", "dt", "em", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "map", "mark", "menu", "nav", "ol", "p",
        "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "source", "span", "strike",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
        "track", "tt", "u", "ul", "var", "video", "wbr",
    ]

    /// Removed together with everything inside them: their content is code or styling, never text.
    static let droppedWithContent: Set<String> = [
        "script", "style", "applet", "object", "iframe", "noembed", "template", "head", "title", "xmp", "plaintext",
    ]

    /// Elements that have no content and no end tag (HTML's void elements, and old ones like them).
    static let void: Set<String> = [
        "area", "base", "basefont", "br", "col", "embed", "frame", "hr", "img", "input", "isindex", "keygen", "link",
        "meta", "param", "source", "track", "wbr",
    ]

    static let attributes: Set<String> = [
        "abbr", "align", "alt", "axis", "bgcolor", "border", "cellpadding", "cellspacing", "char", "charoff",
        "cite", "class", "clear", "color", "cols", "colspan", "compact", "controls", "coords", "datetime", "dir",
        "face", "headers", "height", "href", "hreflang", "hspace", "lang", "loop", "muted", "name", "noshade",
        "nowrap", "poster", "preload", "rel", "rev", "rows", "rowspan", "rules", "scope", "shape", "size", "span",
        "src", "srclang", "start", "style", "summary", "title", "type", "valign", "value", "vspace", "width",
        "xml:lang", "reversed", "label", "kind", "default", "usemap", "longdesc", "lowsrc", "srcset", "sizes",
    ]

    /// Attributes whose value is a URL: checked against the schemes below and resolved against the base.
    static let urlAttributes: Set<String> = ["href", "src", "cite", "longdesc", "lowsrc", "poster", "usemap", "xlink:href", "background"]

    static let schemes: Set<String> = [
        "http", "https", "ftp", "ftps", "mailto", "tel", "sms", "news", "nntp", "irc", "ircs", "xmpp", "magnet",
        "feed", "webcal", "git", "ssh", "sftp", "rtsp", "mms", "geo",
    ]

    /// `data:` URLs only as images, and only raster ones (an SVG image can carry script).
    static let dataImageTypes: Set<String> = ["image/png", "image/gif", "image/jpeg", "image/jpg", "image/webp", "image/bmp", "image/avif"]

    // SVG and MathML: allowed only inside `<svg>` and `<math>`, each with its own list.
    static let svgElements: Set<String> = [
        "svg", "g", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect", "text", "tspan", "title",
        "desc", "defs", "lineargradient", "radialgradient", "stop", "use", "symbol", "marker", "clippath", "mask",
        "pattern", "textpath",
    ]
    static let svgAttributes: Set<String> = [
        "viewbox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d", "points",
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
        "stroke-opacity", "stroke-dasharray", "opacity", "transform", "font-family", "font-size", "font-weight",
        "text-anchor", "offset", "stop-color", "stop-opacity", "gradientunits", "gradienttransform", "id", "class",
        "xmlns", "preserveaspectratio", "xlink:href", "clip-path", "marker-end", "marker-start", "dx", "dy", "style",
    ]
    /// SVG's attribute names keep their capitals; the HTML parser gives them lower-cased.
    static let svgAttributeCase: [String: String] = [
        "viewbox": "viewBox", "gradientunits": "gradientUnits", "gradienttransform": "gradientTransform",
        "preserveaspectratio": "preserveAspectRatio", "lineargradient": "linearGradient",
        "radialgradient": "radialGradient", "clippath": "clipPath", "textpath": "textPath",
    ]
    static let mathElements: Set<String> = [
        "math", "maction", "menclose", "merror", "mfenced", "mfrac", "mi", "mmultiscripts", "mn", "mo", "mover",
        "mpadded", "mphantom", "mprescripts", "mroot", "mrow", "ms", "mspace", "msqrt", "mstyle", "msub", "msubsup",
        "msup", "mtable", "mtd", "mtext", "mtr", "munder", "munderover", "none", "semantics", "annotation",
    ]
    static let mathAttributes: Set<String> = [
        "display", "mathvariant", "mathcolor", "mathbackground", "mathsize", "columnalign", "rowalign", "columnspan",
        "rowspan", "fence", "separator", "stretchy", "symmetric", "largeop", "movablelimits", "accent", "accentunder",
        "linethickness", "lspace", "rspace", "scriptlevel", "displaystyle", "open", "close", "separators", "notation",
        "xmlns", "encoding", "width", "height", "depth", "dir",
    ]

    // CSS: properties that only change how text and boxes look, with values from a small vocabulary.
    static let cssProperties: Set<String> = [
        "azimuth", "background-color", "border-bottom-color", "border-collapse", "border-color", "border-left-color",
        "border-right-color", "border-top-color", "clear", "color", "cursor", "direction", "display", "elevation",
        "float", "font", "font-family", "font-size", "font-style", "font-variant", "font-weight", "height",
        "letter-spacing", "line-height", "overflow", "pause", "pause-after", "pause-before", "pitch", "pitch-range",
        "richness", "speak", "speak-header", "speak-numeral", "speak-punctuation", "speech-rate", "stress",
        "text-align", "text-decoration", "text-indent", "unicode-bidi", "vertical-align", "voice-family", "volume",
        "white-space", "width", "max-width", "min-width",
    ]
    /// Shorthands whose every keyword must be known or a colour or length.
    static let cssShorthands: Set<String> = [
        "background", "border", "margin", "padding", "border-top", "border-right", "border-bottom", "border-left",
        "margin-top", "margin-right", "margin-bottom", "margin-left", "padding-top", "padding-right",
        "padding-bottom", "padding-left",
    ]
    static let cssKeywords: Set<String> = [
        "auto", "aqua", "black", "block", "blue", "bold", "both", "bottom", "brown", "center", "collapse", "dashed",
        "dotted", "fuchsia", "gray", "green", "!important", "italic", "left", "lime", "maroon", "medium", "none",
        "navy", "normal", "nowrap", "olive", "pointer", "purple", "red", "right", "solid", "silver", "teal", "top",
        "transparent", "underline", "white", "yellow", "inherit", "initial", "thin", "thick", "double", "groove",
        "ridge", "inset", "outset", "hidden",
    ]
}
