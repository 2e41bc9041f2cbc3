<?xml version="1.0" encoding="UTF-8"?>
<!-- Renders shirase's RSS 2.0 and Atom feeds as a readable page when opened in a browser. No external requests. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="UTF-8" indent="no"/>
  <xsl:template match="/">
    <html>
      <xsl:attribute name="lang"><xsl:value-of select="rss/channel/language"/></xsl:attribute>
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="rss/channel/title | atom:feed/atom:title"/></title>
        <style>
          body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 0 auto; padding: 1rem; line-height: 1.6; color: #1a1a1a; background: #fff; }
          .about { background: #e5eefb; border-radius: .5rem; padding: .75rem 1rem; }
          li { margin: .5rem 0; }
          .date { color: #545454; font-size: .9rem; }
          a { color: #0b57a4; }
        </style>
      </head>
      <body>
        <p class="about">This is a news feed (RSS/Atom). Copy its address into a feed reader to get every notice as it is posted. / これはRSSフィードです。このページのURLをフィードリーダーに登録すると、お知らせが届きます。</p>
        <h1><xsl:value-of select="rss/channel/title | atom:feed/atom:title"/></h1>
        <p><a><xsl:attribute name="href"><xsl:value-of select="rss/channel/link | atom:feed/atom:link[@rel='alternate']/@href"/></xsl:attribute>&#8594; <xsl:value-of select="rss/channel/link | atom:feed/atom:link[@rel='alternate']/@href"/></a></p>
        <ul>
          <xsl:for-each select="rss/channel/item">
            <li><a><xsl:attribute name="href"><xsl:value-of select="link"/></xsl:attribute><xsl:value-of select="title"/></a><br/><span class="date"><xsl:value-of select="pubDate"/></span></li>
          </xsl:for-each>
          <xsl:for-each select="atom:feed/atom:entry">
            <li><a><xsl:attribute name="href"><xsl:value-of select="atom:link/@href"/></xsl:attribute><xsl:value-of select="atom:title"/></a><br/><span class="date"><xsl:value-of select="atom:published"/></span></li>
          </xsl:for-each>
        </ul>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
