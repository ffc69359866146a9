using IvrFunctions.Core.Answers.Retrieval;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Tests.Answers;

/// <summary>A fixed set of caller questions, English and Hindi, each of which must find its article in the top 3 (BM25, offline).</summary>
public sealed class RetrievalQualityTests(SampleKnowledgeBaseFixture kb) : IClassFixture<SampleKnowledgeBaseFixture>
{
    [Theory]
    [InlineData("How do I reset my UPI PIN? I forgot it.", "en-IN", "en/reset-upi-pin")]
    [InlineData("Money was debited from my account but the payment failed", "en-IN", "en/money-debited-payment-failed")]
    [InlineData("my payment is showing pending for a long time", "en-IN", "en/pending-transaction")]
    [InlineData("I sent money to the wrong UPI ID by mistake", "en-IN", "en/wrong-account-transfer")]
    [InlineData("someone cheated me, where do I report fraud", "en-IN", "en/report-fraud")]
    [InlineData("what is the maximum amount I can send in a day", "en-IN", "en/daily-limits")]
    [InlineData("a buyer sent me a QR code to receive payment", "en-IN", "en/qr-code-scam")]
    [InlineData("how can I use UPI without internet on my feature phone", "en-IN", "en/upi-without-internet")]
    [InlineData("how do I stop an autopay mandate", "en-IN", "en/autopay-mandates")]
    [InlineData("my phone was stolen what should I do", "en-IN", "en/lost-phone")]
    [InlineData("the bank did not solve my complaint, how do I go to the ombudsman", "en-IN", "en/complaint-escalation")]
    [InlineData("where do I find the UTR number of my payment", "en-IN", "en/transaction-reference-utr")]
    [InlineData("मेरा यूपीआई पिन भूल गया, रीसेट कैसे करें", "hi-IN", "hi/reset-upi-pin")]
    [InlineData("खाते से पैसा कट गया लेकिन भुगतान फेल हो गया", "hi-IN", "hi/money-debited-payment-failed")]
    [InlineData("गलत व्यक्ति को पैसा भेज दिया, वापस कैसे मिलेगा", "hi-IN", "hi/wrong-account-transfer")]
    [InlineData("मेरे साथ धोखाधड़ी हुई है, शिकायत कहां करूं", "hi-IN", "hi/report-fraud")]
    [InlineData("यूपीआई से एक दिन में कितने पैसे भेज सकते हैं", "hi-IN", "hi/daily-limits")]
    [InlineData("क्या यूपीआई भुगतान पर कोई शुल्क लगता है", "hi-IN", "hi/charges")]
    [InlineData("बिना इंटरनेट के यूपीआई कैसे चलाएं", "hi-IN", "hi/upi-without-internet")]
    [InlineData("मेरा फोन चोरी हो गया", "hi-IN", "hi/lost-phone")]
    [InlineData("कोई ओटीपी मांग रहा है, क्या बताना चाहिए", "hi-IN", "hi/never-share-otp-pin")]
    [InlineData("ऑटोपे मैंडेट कैसे रद्द करें", "hi-IN", "hi/autopay-mandates")]
    public async Task SampleQuestion_RetrievesItsArticleInTopThree(string question, string language, string expectedDocument)
    {
        var retriever = kb.Host.Get<IRetriever>();

        var results = await retriever.RetrieveAsync(question, language, 3, TelemetryContext.None);

        Assert.Contains(results, r => r.DocumentId == expectedDocument);
        Assert.All(results, r => Assert.Equal(language, r.Language));
        Assert.True(results[0].Score >= 0.3, $"top score {results[0].Score:0.000} ({results[0].DocumentId}) is below the relevance threshold");
    }

    [Theory]
    [InlineData("what will the weather be like tomorrow in Mumbai", "en-IN")]
    [InlineData("who won the cricket match yesterday", "en-IN")]
    [InlineData("कल मौसम कैसा रहेगा", "hi-IN")]
    public async Task OffTopicQuestion_ScoresBelowTheRelevanceThreshold(string question, string language)
    {
        var retriever = kb.Host.Get<IRetriever>();

        var results = await retriever.RetrieveAsync(question, language, 3, TelemetryContext.None);

        Assert.All(results, r => Assert.True(r.Score < 0.3, $"{r.DocumentId} scored {r.Score:0.000}"));
    }

    [Fact]
    public void Ingest_SampleKnowledgeBase_IndexesBothLanguages()
    {
        Assert.Equal(40, kb.Report.Documents);
        Assert.True(kb.Report.Chunks >= 40);
        Assert.Equal(0, kb.Report.EmbeddedChunks);
    }
}
