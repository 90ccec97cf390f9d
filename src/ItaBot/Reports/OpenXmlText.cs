using System.Xml;

namespace ItaBot.Reports;

static class OpenXmlText
{
    /// <summary>
    /// Drops characters XML cannot carry (control characters pasted from other programs), which would
    /// otherwise make Word and Excel refuse the whole file.
    /// </summary>
    public static string Safe(string text)
    {
        foreach (var c in text)
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c)) return string.Concat(text.Where(ch => XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch)));
        return text;
    }
}
