-- JC_JOB_MASTER_MC: first page
-- params: @p1 varchar(255)
SELECT TOP 1001 [Company_Code], [Job_Number], [Master_Job], [Job_Description], [Division], [Address_1], [Address_2], [City], [State], [Zip_Code], [Phone], [Project_Manager], [Superintendent], [Estimator], [Status_Code], [Customer_Code], [Job_Type], [Contract_Number], CONVERT(varchar(40), [Original_Contract]) AS [Original_Contract], [Taxable_Flag], [Price_Method_Code], [Phase_Display_Code], [Cost_Center], CONVERT(char(10), [Create_Date], 23) AS [Create_Date], CONVERT(char(10), [Start_Date], 23) AS [Start_Date], CONVERT(char(10), [Complete_Date], 23) AS [Complete_Date], CONVERT(char(10), [Est_Start_Date], 23) AS [Est_Start_Date], CONVERT(char(10), [Est_Complete_Date], 23) AS [Est_Complete_Date] FROM [dbo].[JC_JOB_MASTER_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Job_Number];

-- JC_JOB_MASTER_MC: next page
-- params: @p1 varchar(255), @p2 varchar(255)
SELECT TOP 1001 [Company_Code], [Job_Number], [Master_Job], [Job_Description], [Division], [Address_1], [Address_2], [City], [State], [Zip_Code], [Phone], [Project_Manager], [Superintendent], [Estimator], [Status_Code], [Customer_Code], [Job_Type], [Contract_Number], CONVERT(varchar(40), [Original_Contract]) AS [Original_Contract], [Taxable_Flag], [Price_Method_Code], [Phase_Display_Code], [Cost_Center], CONVERT(char(10), [Create_Date], 23) AS [Create_Date], CONVERT(char(10), [Start_Date], 23) AS [Start_Date], CONVERT(char(10), [Complete_Date], 23) AS [Complete_Date], CONVERT(char(10), [Est_Start_Date], 23) AS [Est_Start_Date], CONVERT(char(10), [Est_Complete_Date], 23) AS [Est_Complete_Date] FROM [dbo].[JC_JOB_MASTER_MC] WHERE [Company_Code] = @p1 AND (([Job_Number] > @p2)) ORDER BY [Company_Code], [Job_Number];

-- JC_JOB_MASTER_MC: next page, every column filtered
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255), @p5 varchar(255), @p6 varchar(255), @p7 varchar(255), @p8 varchar(255), @p9 varchar(255), @p10 varchar(255), @p11 varchar(255), @p12 varchar(255), @p13 varchar(255), @p14 varchar(255), @p15 varchar(255), @p16 varchar(255), @p17 varchar(255), @p18 varchar(255), @p19 varchar(255), @p20 varchar(255), @p21 varchar(255), @p22 varchar(255), @p23 varchar(255), @p24 varchar(255), @p25 varchar(255), @p26 varchar(255), @p27 varchar(255), @p28 varchar(255), @p29 varchar(255)
SELECT TOP 1001 [Company_Code], [Job_Number], [Master_Job], [Job_Description], [Division], [Address_1], [Address_2], [City], [State], [Zip_Code], [Phone], [Project_Manager], [Superintendent], [Estimator], [Status_Code], [Customer_Code], [Job_Type], [Contract_Number], CONVERT(varchar(40), [Original_Contract]) AS [Original_Contract], [Taxable_Flag], [Price_Method_Code], [Phase_Display_Code], [Cost_Center], CONVERT(char(10), [Create_Date], 23) AS [Create_Date], CONVERT(char(10), [Start_Date], 23) AS [Start_Date], CONVERT(char(10), [Complete_Date], 23) AS [Complete_Date], CONVERT(char(10), [Est_Start_Date], 23) AS [Est_Start_Date], CONVERT(char(10), [Est_Complete_Date], 23) AS [Est_Complete_Date] FROM [dbo].[JC_JOB_MASTER_MC] WHERE [Company_Code] = @p1 AND [Job_Number] = @p2 AND [Master_Job] = @p3 AND [Job_Description] = @p4 AND [Division] = @p5 AND [Address_1] = @p6 AND [Address_2] = @p7 AND [City] = @p8 AND [State] = @p9 AND [Zip_Code] = @p10 AND [Phone] = @p11 AND [Project_Manager] = @p12 AND [Superintendent] = @p13 AND [Estimator] = @p14 AND [Status_Code] = @p15 AND [Customer_Code] = @p16 AND [Job_Type] = @p17 AND [Contract_Number] = @p18 AND [Original_Contract] = @p19 AND [Taxable_Flag] = @p20 AND [Price_Method_Code] = @p21 AND [Phase_Display_Code] = @p22 AND [Cost_Center] = @p23 AND [Create_Date] = @p24 AND [Start_Date] = @p25 AND [Complete_Date] = @p26 AND [Est_Start_Date] = @p27 AND [Est_Complete_Date] = @p28 AND (([Job_Number] > @p29)) ORDER BY [Company_Code], [Job_Number];

-- JC_JOB_MASTER_MC: one-row probe (connection doctor)
-- params: @p1 varchar(255)
SELECT TOP 1 [Company_Code], [Job_Number], [Master_Job], [Job_Description], [Division], [Address_1], [Address_2], [City], [State], [Zip_Code], [Phone], [Project_Manager], [Superintendent], [Estimator], [Status_Code], [Customer_Code], [Job_Type], [Contract_Number], CONVERT(varchar(40), [Original_Contract]) AS [Original_Contract], [Taxable_Flag], [Price_Method_Code], [Phase_Display_Code], [Cost_Center], CONVERT(char(10), [Create_Date], 23) AS [Create_Date], CONVERT(char(10), [Start_Date], 23) AS [Start_Date], CONVERT(char(10), [Complete_Date], 23) AS [Complete_Date], CONVERT(char(10), [Est_Start_Date], 23) AS [Est_Start_Date], CONVERT(char(10), [Est_Complete_Date], 23) AS [Est_Complete_Date] FROM [dbo].[JC_JOB_MASTER_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Job_Number];

-- JC_PHASE_MASTER_MC: first page
-- params: @p1 varchar(255)
SELECT TOP 1001 [Company_Code], [Job_Number], [Phase_Code], [Cost_Type], [Description], [Status_Code], [Unit_of_Measure], CONVERT(varchar(40), [Original_Est_Quantity]) AS [Original_Est_Quantity], CONVERT(varchar(40), [Original_Est_Hours]) AS [Original_Est_Hours], CONVERT(varchar(40), [Original_Est_Cost]) AS [Original_Est_Cost], CONVERT(varchar(40), [Current_Est_Cost]) AS [Current_Est_Cost], CONVERT(varchar(40), [JTD_Actual_Dollars]) AS [JTD_Actual_Dollars], CONVERT(varchar(40), [Projected_Dollars]) AS [Projected_Dollars], [Bid_Item_Number], [Price_Method_Code], [Phase_Cost_Center], CONVERT(char(10), [Start_Date], 23) AS [Start_Date], CONVERT(char(10), [End_Date], 23) AS [End_Date], CONVERT(char(10), [Complete_Date], 23) AS [Complete_Date], [Comment] FROM [dbo].[JC_PHASE_MASTER_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Job_Number], [Phase_Code], [Cost_Type];

-- JC_PHASE_MASTER_MC: next page
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255)
SELECT TOP 1001 [Company_Code], [Job_Number], [Phase_Code], [Cost_Type], [Description], [Status_Code], [Unit_of_Measure], CONVERT(varchar(40), [Original_Est_Quantity]) AS [Original_Est_Quantity], CONVERT(varchar(40), [Original_Est_Hours]) AS [Original_Est_Hours], CONVERT(varchar(40), [Original_Est_Cost]) AS [Original_Est_Cost], CONVERT(varchar(40), [Current_Est_Cost]) AS [Current_Est_Cost], CONVERT(varchar(40), [JTD_Actual_Dollars]) AS [JTD_Actual_Dollars], CONVERT(varchar(40), [Projected_Dollars]) AS [Projected_Dollars], [Bid_Item_Number], [Price_Method_Code], [Phase_Cost_Center], CONVERT(char(10), [Start_Date], 23) AS [Start_Date], CONVERT(char(10), [End_Date], 23) AS [End_Date], CONVERT(char(10), [Complete_Date], 23) AS [Complete_Date], [Comment] FROM [dbo].[JC_PHASE_MASTER_MC] WHERE [Company_Code] = @p1 AND (([Job_Number] > @p2) OR ([Job_Number] = @p2 AND [Phase_Code] > @p3) OR ([Job_Number] = @p2 AND [Phase_Code] = @p3 AND [Cost_Type] > @p4)) ORDER BY [Company_Code], [Job_Number], [Phase_Code], [Cost_Type];

-- JC_PHASE_MASTER_MC: next page, every column filtered
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255), @p5 varchar(255), @p6 varchar(255), @p7 varchar(255), @p8 varchar(255), @p9 varchar(255), @p10 varchar(255), @p11 varchar(255), @p12 varchar(255), @p13 varchar(255), @p14 varchar(255), @p15 varchar(255), @p16 varchar(255), @p17 varchar(255), @p18 varchar(255), @p19 varchar(255), @p20 varchar(255), @p21 varchar(255), @p22 varchar(255), @p23 varchar(255)
SELECT TOP 1001 [Company_Code], [Job_Number], [Phase_Code], [Cost_Type], [Description], [Status_Code], [Unit_of_Measure], CONVERT(varchar(40), [Original_Est_Quantity]) AS [Original_Est_Quantity], CONVERT(varchar(40), [Original_Est_Hours]) AS [Original_Est_Hours], CONVERT(varchar(40), [Original_Est_Cost]) AS [Original_Est_Cost], CONVERT(varchar(40), [Current_Est_Cost]) AS [Current_Est_Cost], CONVERT(varchar(40), [JTD_Actual_Dollars]) AS [JTD_Actual_Dollars], CONVERT(varchar(40), [Projected_Dollars]) AS [Projected_Dollars], [Bid_Item_Number], [Price_Method_Code], [Phase_Cost_Center], CONVERT(char(10), [Start_Date], 23) AS [Start_Date], CONVERT(char(10), [End_Date], 23) AS [End_Date], CONVERT(char(10), [Complete_Date], 23) AS [Complete_Date], [Comment] FROM [dbo].[JC_PHASE_MASTER_MC] WHERE [Company_Code] = @p1 AND [Job_Number] = @p2 AND [Phase_Code] = @p3 AND [Cost_Type] = @p4 AND [Description] = @p5 AND [Status_Code] = @p6 AND [Unit_of_Measure] = @p7 AND [Original_Est_Quantity] = @p8 AND [Original_Est_Hours] = @p9 AND [Original_Est_Cost] = @p10 AND [Current_Est_Cost] = @p11 AND [JTD_Actual_Dollars] = @p12 AND [Projected_Dollars] = @p13 AND [Bid_Item_Number] = @p14 AND [Price_Method_Code] = @p15 AND [Phase_Cost_Center] = @p16 AND [Start_Date] = @p17 AND [End_Date] = @p18 AND [Complete_Date] = @p19 AND [Comment] = @p20 AND (([Job_Number] > @p21) OR ([Job_Number] = @p21 AND [Phase_Code] > @p22) OR ([Job_Number] = @p21 AND [Phase_Code] = @p22 AND [Cost_Type] > @p23)) ORDER BY [Company_Code], [Job_Number], [Phase_Code], [Cost_Type];

-- JC_PHASE_MASTER_MC: one-row probe (connection doctor)
-- params: @p1 varchar(255)
SELECT TOP 1 [Company_Code], [Job_Number], [Phase_Code], [Cost_Type], [Description], [Status_Code], [Unit_of_Measure], CONVERT(varchar(40), [Original_Est_Quantity]) AS [Original_Est_Quantity], CONVERT(varchar(40), [Original_Est_Hours]) AS [Original_Est_Hours], CONVERT(varchar(40), [Original_Est_Cost]) AS [Original_Est_Cost], CONVERT(varchar(40), [Current_Est_Cost]) AS [Current_Est_Cost], CONVERT(varchar(40), [JTD_Actual_Dollars]) AS [JTD_Actual_Dollars], CONVERT(varchar(40), [Projected_Dollars]) AS [Projected_Dollars], [Bid_Item_Number], [Price_Method_Code], [Phase_Cost_Center], CONVERT(char(10), [Start_Date], 23) AS [Start_Date], CONVERT(char(10), [End_Date], 23) AS [End_Date], CONVERT(char(10), [Complete_Date], 23) AS [Complete_Date], [Comment] FROM [dbo].[JC_PHASE_MASTER_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Job_Number], [Phase_Code], [Cost_Type];

-- JC_COST_TYPE_MASTER_MC: first page
-- params: @p1 varchar(255)
SELECT TOP 1001 [Company_Code], [Cost_Type], [Description], [Summary_Name], [GL_Account], [Detail_Posting_Flag] FROM [dbo].[JC_COST_TYPE_MASTER_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Cost_Type];

-- JC_COST_TYPE_MASTER_MC: next page
-- params: @p1 varchar(255), @p2 varchar(255)
SELECT TOP 1001 [Company_Code], [Cost_Type], [Description], [Summary_Name], [GL_Account], [Detail_Posting_Flag] FROM [dbo].[JC_COST_TYPE_MASTER_MC] WHERE [Company_Code] = @p1 AND (([Cost_Type] > @p2)) ORDER BY [Company_Code], [Cost_Type];

-- JC_COST_TYPE_MASTER_MC: next page, every column filtered
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255), @p5 varchar(255), @p6 varchar(255), @p7 varchar(255)
SELECT TOP 1001 [Company_Code], [Cost_Type], [Description], [Summary_Name], [GL_Account], [Detail_Posting_Flag] FROM [dbo].[JC_COST_TYPE_MASTER_MC] WHERE [Company_Code] = @p1 AND [Cost_Type] = @p2 AND [Description] = @p3 AND [Summary_Name] = @p4 AND [GL_Account] = @p5 AND [Detail_Posting_Flag] = @p6 AND (([Cost_Type] > @p7)) ORDER BY [Company_Code], [Cost_Type];

-- JC_COST_TYPE_MASTER_MC: one-row probe (connection doctor)
-- params: @p1 varchar(255)
SELECT TOP 1 [Company_Code], [Cost_Type], [Description], [Summary_Name], [GL_Account], [Detail_Posting_Flag] FROM [dbo].[JC_COST_TYPE_MASTER_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Cost_Type];

-- JC_STD_PHASE_DESCRIPTION_MC: first page
-- params: @p1 varchar(255)
SELECT TOP 1001 [Company_Code], [Phase_Code], [Description], [Phase_Category] FROM [dbo].[JC_STD_PHASE_DESCRIPTION_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Phase_Code];

-- JC_STD_PHASE_DESCRIPTION_MC: next page
-- params: @p1 varchar(255), @p2 varchar(255)
SELECT TOP 1001 [Company_Code], [Phase_Code], [Description], [Phase_Category] FROM [dbo].[JC_STD_PHASE_DESCRIPTION_MC] WHERE [Company_Code] = @p1 AND (([Phase_Code] > @p2)) ORDER BY [Company_Code], [Phase_Code];

-- JC_STD_PHASE_DESCRIPTION_MC: next page, every column filtered
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255), @p5 varchar(255)
SELECT TOP 1001 [Company_Code], [Phase_Code], [Description], [Phase_Category] FROM [dbo].[JC_STD_PHASE_DESCRIPTION_MC] WHERE [Company_Code] = @p1 AND [Phase_Code] = @p2 AND [Description] = @p3 AND [Phase_Category] = @p4 AND (([Phase_Code] > @p5)) ORDER BY [Company_Code], [Phase_Code];

-- JC_STD_PHASE_DESCRIPTION_MC: one-row probe (connection doctor)
-- params: @p1 varchar(255)
SELECT TOP 1 [Company_Code], [Phase_Code], [Description], [Phase_Category] FROM [dbo].[JC_STD_PHASE_DESCRIPTION_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Phase_Code];

-- VN_VENDOR_MASTER_MC: first page
-- params: @p1 varchar(255)
SELECT TOP 1001 [Company_Code], [Vendor_Code], [Vendor_Name], [Alpha_Sort], [Type], [Address_1], [Address_2], [Address_3], [State], [Zip_Code], [Phone], [Fax_Phone], [Contact_Name], [Vendor_Email], [Status], [Terms_Code], [Terms_Days], [Hold_Flag], [Default_GL_Account] FROM [dbo].[VN_VENDOR_MASTER_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Vendor_Code];

-- VN_VENDOR_MASTER_MC: next page
-- params: @p1 varchar(255), @p2 varchar(255)
SELECT TOP 1001 [Company_Code], [Vendor_Code], [Vendor_Name], [Alpha_Sort], [Type], [Address_1], [Address_2], [Address_3], [State], [Zip_Code], [Phone], [Fax_Phone], [Contact_Name], [Vendor_Email], [Status], [Terms_Code], [Terms_Days], [Hold_Flag], [Default_GL_Account] FROM [dbo].[VN_VENDOR_MASTER_MC] WHERE [Company_Code] = @p1 AND (([Vendor_Code] > @p2)) ORDER BY [Company_Code], [Vendor_Code];

-- VN_VENDOR_MASTER_MC: next page, every column filtered
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255), @p5 varchar(255), @p6 varchar(255), @p7 varchar(255), @p8 varchar(255), @p9 varchar(255), @p10 varchar(255), @p11 varchar(255), @p12 varchar(255), @p13 varchar(255), @p14 varchar(255), @p15 varchar(255), @p16 varchar(255), @p17 int, @p18 varchar(255), @p19 varchar(255), @p20 varchar(255)
SELECT TOP 1001 [Company_Code], [Vendor_Code], [Vendor_Name], [Alpha_Sort], [Type], [Address_1], [Address_2], [Address_3], [State], [Zip_Code], [Phone], [Fax_Phone], [Contact_Name], [Vendor_Email], [Status], [Terms_Code], [Terms_Days], [Hold_Flag], [Default_GL_Account] FROM [dbo].[VN_VENDOR_MASTER_MC] WHERE [Company_Code] = @p1 AND [Vendor_Code] = @p2 AND [Vendor_Name] = @p3 AND [Alpha_Sort] = @p4 AND [Type] = @p5 AND [Address_1] = @p6 AND [Address_2] = @p7 AND [Address_3] = @p8 AND [State] = @p9 AND [Zip_Code] = @p10 AND [Phone] = @p11 AND [Fax_Phone] = @p12 AND [Contact_Name] = @p13 AND [Vendor_Email] = @p14 AND [Status] = @p15 AND [Terms_Code] = @p16 AND [Terms_Days] = @p17 AND [Hold_Flag] = @p18 AND [Default_GL_Account] = @p19 AND (([Vendor_Code] > @p20)) ORDER BY [Company_Code], [Vendor_Code];

-- VN_VENDOR_MASTER_MC: one-row probe (connection doctor)
-- params: @p1 varchar(255)
SELECT TOP 1 [Company_Code], [Vendor_Code], [Vendor_Name], [Alpha_Sort], [Type], [Address_1], [Address_2], [Address_3], [State], [Zip_Code], [Phone], [Fax_Phone], [Contact_Name], [Vendor_Email], [Status], [Terms_Code], [Terms_Days], [Hold_Flag], [Default_GL_Account] FROM [dbo].[VN_VENDOR_MASTER_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Vendor_Code];

-- VN_SUBCONTRACT_MC: first page
-- params: @p1 varchar(255)
SELECT TOP 1001 [Company_Code], [Vendor_Code], [Subcontract_Number], [Job_Number], [Contract_Type], [Status_Code], CONVERT(char(10), [Date_Issued], 23) AS [Date_Issued], [Default_Phase_Code], [Default_Cost_Type], [GL_Account], CONVERT(varchar(40), [Retention_Percent]) AS [Retention_Percent], CONVERT(varchar(40), [Original_Amount]) AS [Original_Amount], [Comment_1], [Comment_2] FROM [dbo].[VN_SUBCONTRACT_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Vendor_Code], [Subcontract_Number];

-- VN_SUBCONTRACT_MC: next page
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255)
SELECT TOP 1001 [Company_Code], [Vendor_Code], [Subcontract_Number], [Job_Number], [Contract_Type], [Status_Code], CONVERT(char(10), [Date_Issued], 23) AS [Date_Issued], [Default_Phase_Code], [Default_Cost_Type], [GL_Account], CONVERT(varchar(40), [Retention_Percent]) AS [Retention_Percent], CONVERT(varchar(40), [Original_Amount]) AS [Original_Amount], [Comment_1], [Comment_2] FROM [dbo].[VN_SUBCONTRACT_MC] WHERE [Company_Code] = @p1 AND (([Vendor_Code] > @p2) OR ([Vendor_Code] = @p2 AND [Subcontract_Number] > @p3)) ORDER BY [Company_Code], [Vendor_Code], [Subcontract_Number];

-- VN_SUBCONTRACT_MC: next page, every column filtered
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255), @p5 varchar(255), @p6 varchar(255), @p7 varchar(255), @p8 varchar(255), @p9 varchar(255), @p10 varchar(255), @p11 varchar(255), @p12 varchar(255), @p13 varchar(255), @p14 varchar(255), @p15 varchar(255), @p16 varchar(255)
SELECT TOP 1001 [Company_Code], [Vendor_Code], [Subcontract_Number], [Job_Number], [Contract_Type], [Status_Code], CONVERT(char(10), [Date_Issued], 23) AS [Date_Issued], [Default_Phase_Code], [Default_Cost_Type], [GL_Account], CONVERT(varchar(40), [Retention_Percent]) AS [Retention_Percent], CONVERT(varchar(40), [Original_Amount]) AS [Original_Amount], [Comment_1], [Comment_2] FROM [dbo].[VN_SUBCONTRACT_MC] WHERE [Company_Code] = @p1 AND [Vendor_Code] = @p2 AND [Subcontract_Number] = @p3 AND [Job_Number] = @p4 AND [Contract_Type] = @p5 AND [Status_Code] = @p6 AND [Date_Issued] = @p7 AND [Default_Phase_Code] = @p8 AND [Default_Cost_Type] = @p9 AND [GL_Account] = @p10 AND [Retention_Percent] = @p11 AND [Original_Amount] = @p12 AND [Comment_1] = @p13 AND [Comment_2] = @p14 AND (([Vendor_Code] > @p15) OR ([Vendor_Code] = @p15 AND [Subcontract_Number] > @p16)) ORDER BY [Company_Code], [Vendor_Code], [Subcontract_Number];

-- VN_SUBCONTRACT_MC: one-row probe (connection doctor)
-- params: @p1 varchar(255)
SELECT TOP 1 [Company_Code], [Vendor_Code], [Subcontract_Number], [Job_Number], [Contract_Type], [Status_Code], CONVERT(char(10), [Date_Issued], 23) AS [Date_Issued], [Default_Phase_Code], [Default_Cost_Type], [GL_Account], CONVERT(varchar(40), [Retention_Percent]) AS [Retention_Percent], CONVERT(varchar(40), [Original_Amount]) AS [Original_Amount], [Comment_1], [Comment_2] FROM [dbo].[VN_SUBCONTRACT_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Vendor_Code], [Subcontract_Number];

-- VN_SUBCONTRACT_PHASE_MC: first page
-- params: @p1 varchar(255)
SELECT TOP 1001 [Company_Code], [Vendor_Code], [Subcontract_Number], [Phase_Code], [Cost_Type], [Bid_Item_Number], [Job_Number], [Bill_Description], [Unit_Of_Measure], [Retention_Flag], CONVERT(varchar(40), [Unit_Price]) AS [Unit_Price], CONVERT(varchar(40), [Original_Contract_Quantity]) AS [Original_Contract_Quantity], CONVERT(varchar(40), [Original_Contract_Amount]) AS [Original_Contract_Amount] FROM [dbo].[VN_SUBCONTRACT_PHASE_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Vendor_Code], [Subcontract_Number], [Phase_Code], [Cost_Type], [Bid_Item_Number];

-- VN_SUBCONTRACT_PHASE_MC: next page
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255), @p5 varchar(255), @p6 varchar(255)
SELECT TOP 1001 [Company_Code], [Vendor_Code], [Subcontract_Number], [Phase_Code], [Cost_Type], [Bid_Item_Number], [Job_Number], [Bill_Description], [Unit_Of_Measure], [Retention_Flag], CONVERT(varchar(40), [Unit_Price]) AS [Unit_Price], CONVERT(varchar(40), [Original_Contract_Quantity]) AS [Original_Contract_Quantity], CONVERT(varchar(40), [Original_Contract_Amount]) AS [Original_Contract_Amount] FROM [dbo].[VN_SUBCONTRACT_PHASE_MC] WHERE [Company_Code] = @p1 AND (([Vendor_Code] > @p2) OR ([Vendor_Code] = @p2 AND [Subcontract_Number] > @p3) OR ([Vendor_Code] = @p2 AND [Subcontract_Number] = @p3 AND [Phase_Code] > @p4) OR ([Vendor_Code] = @p2 AND [Subcontract_Number] = @p3 AND [Phase_Code] = @p4 AND [Cost_Type] > @p5) OR ([Vendor_Code] = @p2 AND [Subcontract_Number] = @p3 AND [Phase_Code] = @p4 AND [Cost_Type] = @p5 AND [Bid_Item_Number] > @p6)) ORDER BY [Company_Code], [Vendor_Code], [Subcontract_Number], [Phase_Code], [Cost_Type], [Bid_Item_Number];

-- VN_SUBCONTRACT_PHASE_MC: next page, every column filtered
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255), @p5 varchar(255), @p6 varchar(255), @p7 varchar(255), @p8 varchar(255), @p9 varchar(255), @p10 varchar(255), @p11 varchar(255), @p12 varchar(255), @p13 varchar(255), @p14 varchar(255), @p15 varchar(255), @p16 varchar(255), @p17 varchar(255), @p18 varchar(255)
SELECT TOP 1001 [Company_Code], [Vendor_Code], [Subcontract_Number], [Phase_Code], [Cost_Type], [Bid_Item_Number], [Job_Number], [Bill_Description], [Unit_Of_Measure], [Retention_Flag], CONVERT(varchar(40), [Unit_Price]) AS [Unit_Price], CONVERT(varchar(40), [Original_Contract_Quantity]) AS [Original_Contract_Quantity], CONVERT(varchar(40), [Original_Contract_Amount]) AS [Original_Contract_Amount] FROM [dbo].[VN_SUBCONTRACT_PHASE_MC] WHERE [Company_Code] = @p1 AND [Vendor_Code] = @p2 AND [Subcontract_Number] = @p3 AND [Phase_Code] = @p4 AND [Cost_Type] = @p5 AND [Bid_Item_Number] = @p6 AND [Job_Number] = @p7 AND [Bill_Description] = @p8 AND [Unit_Of_Measure] = @p9 AND [Retention_Flag] = @p10 AND [Unit_Price] = @p11 AND [Original_Contract_Quantity] = @p12 AND [Original_Contract_Amount] = @p13 AND (([Vendor_Code] > @p14) OR ([Vendor_Code] = @p14 AND [Subcontract_Number] > @p15) OR ([Vendor_Code] = @p14 AND [Subcontract_Number] = @p15 AND [Phase_Code] > @p16) OR ([Vendor_Code] = @p14 AND [Subcontract_Number] = @p15 AND [Phase_Code] = @p16 AND [Cost_Type] > @p17) OR ([Vendor_Code] = @p14 AND [Subcontract_Number] = @p15 AND [Phase_Code] = @p16 AND [Cost_Type] = @p17 AND [Bid_Item_Number] > @p18)) ORDER BY [Company_Code], [Vendor_Code], [Subcontract_Number], [Phase_Code], [Cost_Type], [Bid_Item_Number];

-- VN_SUBCONTRACT_PHASE_MC: one-row probe (connection doctor)
-- params: @p1 varchar(255)
SELECT TOP 1 [Company_Code], [Vendor_Code], [Subcontract_Number], [Phase_Code], [Cost_Type], [Bid_Item_Number], [Job_Number], [Bill_Description], [Unit_Of_Measure], [Retention_Flag], CONVERT(varchar(40), [Unit_Price]) AS [Unit_Price], CONVERT(varchar(40), [Original_Contract_Quantity]) AS [Original_Contract_Quantity], CONVERT(varchar(40), [Original_Contract_Amount]) AS [Original_Contract_Amount] FROM [dbo].[VN_SUBCONTRACT_PHASE_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Vendor_Code], [Subcontract_Number], [Phase_Code], [Cost_Type], [Bid_Item_Number];

-- CR_CONTRACT_MASTER_MC: first page
-- params: @p1 varchar(255)
SELECT TOP 1001 [Company_Code], [Job_Number], [Customer_Code], [Contract_Description], [Contract_Number], CONVERT(varchar(40), [Original_Contract]) AS [Original_Contract], [Price_Method_Code], [Status_Code], [Approved_Flag] FROM [dbo].[CR_CONTRACT_MASTER_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Job_Number], [Customer_Code];

-- CR_CONTRACT_MASTER_MC: next page
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255)
SELECT TOP 1001 [Company_Code], [Job_Number], [Customer_Code], [Contract_Description], [Contract_Number], CONVERT(varchar(40), [Original_Contract]) AS [Original_Contract], [Price_Method_Code], [Status_Code], [Approved_Flag] FROM [dbo].[CR_CONTRACT_MASTER_MC] WHERE [Company_Code] = @p1 AND (([Job_Number] > @p2) OR ([Job_Number] = @p2 AND [Customer_Code] > @p3)) ORDER BY [Company_Code], [Job_Number], [Customer_Code];

-- CR_CONTRACT_MASTER_MC: next page, every column filtered
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255), @p5 varchar(255), @p6 varchar(255), @p7 varchar(255), @p8 varchar(255), @p9 varchar(255), @p10 varchar(255), @p11 varchar(255)
SELECT TOP 1001 [Company_Code], [Job_Number], [Customer_Code], [Contract_Description], [Contract_Number], CONVERT(varchar(40), [Original_Contract]) AS [Original_Contract], [Price_Method_Code], [Status_Code], [Approved_Flag] FROM [dbo].[CR_CONTRACT_MASTER_MC] WHERE [Company_Code] = @p1 AND [Job_Number] = @p2 AND [Customer_Code] = @p3 AND [Contract_Description] = @p4 AND [Contract_Number] = @p5 AND [Original_Contract] = @p6 AND [Price_Method_Code] = @p7 AND [Status_Code] = @p8 AND [Approved_Flag] = @p9 AND (([Job_Number] > @p10) OR ([Job_Number] = @p10 AND [Customer_Code] > @p11)) ORDER BY [Company_Code], [Job_Number], [Customer_Code];

-- CR_CONTRACT_MASTER_MC: one-row probe (connection doctor)
-- params: @p1 varchar(255)
SELECT TOP 1 [Company_Code], [Job_Number], [Customer_Code], [Contract_Description], [Contract_Number], CONVERT(varchar(40), [Original_Contract]) AS [Original_Contract], [Price_Method_Code], [Status_Code], [Approved_Flag] FROM [dbo].[CR_CONTRACT_MASTER_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Job_Number], [Customer_Code];

-- CR_BID_ITEM_DES_MC: first page
-- params: @p1 varchar(255)
SELECT TOP 1001 [Company_Code], [Job_Number], [Customer_Code], [Billing_Item], [Billing_Description], [Additional_Billing_Description], [GL_Account], [Taxable], CONVERT(varchar(40), [Original_Contract]) AS [Original_Contract], CONVERT(varchar(40), [Projected_Revenue]) AS [Projected_Revenue], [Unit_Price_Flag] FROM [dbo].[CR_BID_ITEM_DES_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Job_Number], [Customer_Code], [Billing_Item];

-- CR_BID_ITEM_DES_MC: next page
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255)
SELECT TOP 1001 [Company_Code], [Job_Number], [Customer_Code], [Billing_Item], [Billing_Description], [Additional_Billing_Description], [GL_Account], [Taxable], CONVERT(varchar(40), [Original_Contract]) AS [Original_Contract], CONVERT(varchar(40), [Projected_Revenue]) AS [Projected_Revenue], [Unit_Price_Flag] FROM [dbo].[CR_BID_ITEM_DES_MC] WHERE [Company_Code] = @p1 AND (([Job_Number] > @p2) OR ([Job_Number] = @p2 AND [Customer_Code] > @p3) OR ([Job_Number] = @p2 AND [Customer_Code] = @p3 AND [Billing_Item] > @p4)) ORDER BY [Company_Code], [Job_Number], [Customer_Code], [Billing_Item];

-- CR_BID_ITEM_DES_MC: next page, every column filtered
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255), @p5 varchar(255), @p6 varchar(255), @p7 varchar(255), @p8 varchar(255), @p9 varchar(255), @p10 varchar(255), @p11 varchar(255), @p12 varchar(255), @p13 varchar(255), @p14 varchar(255)
SELECT TOP 1001 [Company_Code], [Job_Number], [Customer_Code], [Billing_Item], [Billing_Description], [Additional_Billing_Description], [GL_Account], [Taxable], CONVERT(varchar(40), [Original_Contract]) AS [Original_Contract], CONVERT(varchar(40), [Projected_Revenue]) AS [Projected_Revenue], [Unit_Price_Flag] FROM [dbo].[CR_BID_ITEM_DES_MC] WHERE [Company_Code] = @p1 AND [Job_Number] = @p2 AND [Customer_Code] = @p3 AND [Billing_Item] = @p4 AND [Billing_Description] = @p5 AND [Additional_Billing_Description] = @p6 AND [GL_Account] = @p7 AND [Taxable] = @p8 AND [Original_Contract] = @p9 AND [Projected_Revenue] = @p10 AND [Unit_Price_Flag] = @p11 AND (([Job_Number] > @p12) OR ([Job_Number] = @p12 AND [Customer_Code] > @p13) OR ([Job_Number] = @p12 AND [Customer_Code] = @p13 AND [Billing_Item] > @p14)) ORDER BY [Company_Code], [Job_Number], [Customer_Code], [Billing_Item];

-- CR_BID_ITEM_DES_MC: one-row probe (connection doctor)
-- params: @p1 varchar(255)
SELECT TOP 1 [Company_Code], [Job_Number], [Customer_Code], [Billing_Item], [Billing_Description], [Additional_Billing_Description], [GL_Account], [Taxable], CONVERT(varchar(40), [Original_Contract]) AS [Original_Contract], CONVERT(varchar(40), [Projected_Revenue]) AS [Projected_Revenue], [Unit_Price_Flag] FROM [dbo].[CR_BID_ITEM_DES_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Job_Number], [Customer_Code], [Billing_Item];

-- CR_CHNG_REQ_HDR_MC: first page
-- params: @p1 varchar(255)
SELECT TOP 1001 [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [CR_Description], [CR_Status], [Change_Order_Number], CONVERT(char(10), [Origination_Date], 23) AS [Origination_Date], CONVERT(char(10), [Approved_Date], 23) AS [Approved_Date], [Cost_Reimbursable_Flag] FROM [dbo].[CR_CHNG_REQ_HDR_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number];

-- CR_CHNG_REQ_HDR_MC: next page
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255)
SELECT TOP 1001 [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [CR_Description], [CR_Status], [Change_Order_Number], CONVERT(char(10), [Origination_Date], 23) AS [Origination_Date], CONVERT(char(10), [Approved_Date], 23) AS [Approved_Date], [Cost_Reimbursable_Flag] FROM [dbo].[CR_CHNG_REQ_HDR_MC] WHERE [Company_Code] = @p1 AND (([Job_Number] > @p2) OR ([Job_Number] = @p2 AND [Customer_Code] > @p3) OR ([Job_Number] = @p2 AND [Customer_Code] = @p3 AND [Change_Request_Number] > @p4)) ORDER BY [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number];

-- CR_CHNG_REQ_HDR_MC: next page, every column filtered
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255), @p5 varchar(255), @p6 varchar(255), @p7 varchar(255), @p8 varchar(255), @p9 varchar(255), @p10 varchar(255), @p11 varchar(255), @p12 varchar(255), @p13 varchar(255)
SELECT TOP 1001 [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [CR_Description], [CR_Status], [Change_Order_Number], CONVERT(char(10), [Origination_Date], 23) AS [Origination_Date], CONVERT(char(10), [Approved_Date], 23) AS [Approved_Date], [Cost_Reimbursable_Flag] FROM [dbo].[CR_CHNG_REQ_HDR_MC] WHERE [Company_Code] = @p1 AND [Job_Number] = @p2 AND [Customer_Code] = @p3 AND [Change_Request_Number] = @p4 AND [CR_Description] = @p5 AND [CR_Status] = @p6 AND [Change_Order_Number] = @p7 AND [Origination_Date] = @p8 AND [Approved_Date] = @p9 AND [Cost_Reimbursable_Flag] = @p10 AND (([Job_Number] > @p11) OR ([Job_Number] = @p11 AND [Customer_Code] > @p12) OR ([Job_Number] = @p11 AND [Customer_Code] = @p12 AND [Change_Request_Number] > @p13)) ORDER BY [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number];

-- CR_CHNG_REQ_HDR_MC: one-row probe (connection doctor)
-- params: @p1 varchar(255)
SELECT TOP 1 [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [CR_Description], [CR_Status], [Change_Order_Number], CONVERT(char(10), [Origination_Date], 23) AS [Origination_Date], CONVERT(char(10), [Approved_Date], 23) AS [Approved_Date], [Cost_Reimbursable_Flag] FROM [dbo].[CR_CHNG_REQ_HDR_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number];

-- CR_CHNG_REQ_CON_DET_MC: first page
-- params: @p1 varchar(255)
SELECT TOP 1001 [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [Line_Number], [Phase_Code], [Cost_Type], CONVERT(varchar(40), [Change_Request_Quantity]) AS [Change_Request_Quantity], CONVERT(varchar(40), [Change_Request_Hours]) AS [Change_Request_Hours], CONVERT(varchar(40), [Change_Request_Amount]) AS [Change_Request_Amount], [Subcontractor_Code], [Subcontract_Number], CONVERT(varchar(40), [Sub_Amount]) AS [Sub_Amount], [Sub_Status], [Sub_Change_Order_Number], [Sub_Description] FROM [dbo].[CR_CHNG_REQ_CON_DET_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [Line_Number];

-- CR_CHNG_REQ_CON_DET_MC: next page
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255), @p5 int
SELECT TOP 1001 [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [Line_Number], [Phase_Code], [Cost_Type], CONVERT(varchar(40), [Change_Request_Quantity]) AS [Change_Request_Quantity], CONVERT(varchar(40), [Change_Request_Hours]) AS [Change_Request_Hours], CONVERT(varchar(40), [Change_Request_Amount]) AS [Change_Request_Amount], [Subcontractor_Code], [Subcontract_Number], CONVERT(varchar(40), [Sub_Amount]) AS [Sub_Amount], [Sub_Status], [Sub_Change_Order_Number], [Sub_Description] FROM [dbo].[CR_CHNG_REQ_CON_DET_MC] WHERE [Company_Code] = @p1 AND (([Job_Number] > @p2) OR ([Job_Number] = @p2 AND [Customer_Code] > @p3) OR ([Job_Number] = @p2 AND [Customer_Code] = @p3 AND [Change_Request_Number] > @p4) OR ([Job_Number] = @p2 AND [Customer_Code] = @p3 AND [Change_Request_Number] = @p4 AND [Line_Number] > @p5)) ORDER BY [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [Line_Number];

-- CR_CHNG_REQ_CON_DET_MC: next page, every column filtered
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255), @p5 int, @p6 varchar(255), @p7 varchar(255), @p8 varchar(255), @p9 varchar(255), @p10 varchar(255), @p11 varchar(255), @p12 varchar(255), @p13 varchar(255), @p14 varchar(255), @p15 varchar(255), @p16 varchar(255), @p17 varchar(255), @p18 varchar(255), @p19 varchar(255), @p20 int
SELECT TOP 1001 [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [Line_Number], [Phase_Code], [Cost_Type], CONVERT(varchar(40), [Change_Request_Quantity]) AS [Change_Request_Quantity], CONVERT(varchar(40), [Change_Request_Hours]) AS [Change_Request_Hours], CONVERT(varchar(40), [Change_Request_Amount]) AS [Change_Request_Amount], [Subcontractor_Code], [Subcontract_Number], CONVERT(varchar(40), [Sub_Amount]) AS [Sub_Amount], [Sub_Status], [Sub_Change_Order_Number], [Sub_Description] FROM [dbo].[CR_CHNG_REQ_CON_DET_MC] WHERE [Company_Code] = @p1 AND [Job_Number] = @p2 AND [Customer_Code] = @p3 AND [Change_Request_Number] = @p4 AND [Line_Number] = @p5 AND [Phase_Code] = @p6 AND [Cost_Type] = @p7 AND [Change_Request_Quantity] = @p8 AND [Change_Request_Hours] = @p9 AND [Change_Request_Amount] = @p10 AND [Subcontractor_Code] = @p11 AND [Subcontract_Number] = @p12 AND [Sub_Amount] = @p13 AND [Sub_Status] = @p14 AND [Sub_Change_Order_Number] = @p15 AND [Sub_Description] = @p16 AND (([Job_Number] > @p17) OR ([Job_Number] = @p17 AND [Customer_Code] > @p18) OR ([Job_Number] = @p17 AND [Customer_Code] = @p18 AND [Change_Request_Number] > @p19) OR ([Job_Number] = @p17 AND [Customer_Code] = @p18 AND [Change_Request_Number] = @p19 AND [Line_Number] > @p20)) ORDER BY [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [Line_Number];

-- CR_CHNG_REQ_CON_DET_MC: one-row probe (connection doctor)
-- params: @p1 varchar(255)
SELECT TOP 1 [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [Line_Number], [Phase_Code], [Cost_Type], CONVERT(varchar(40), [Change_Request_Quantity]) AS [Change_Request_Quantity], CONVERT(varchar(40), [Change_Request_Hours]) AS [Change_Request_Hours], CONVERT(varchar(40), [Change_Request_Amount]) AS [Change_Request_Amount], [Subcontractor_Code], [Subcontract_Number], CONVERT(varchar(40), [Sub_Amount]) AS [Sub_Amount], [Sub_Status], [Sub_Change_Order_Number], [Sub_Description] FROM [dbo].[CR_CHNG_REQ_CON_DET_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [Line_Number];

-- CR_CHNG_REQ_REV_MC: first page
-- params: @p1 varchar(255)
SELECT TOP 1001 [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [Line_Number], [Billing_Group_Code], [Billing_Item_Code], [Billing_Item_Description], [Additional_Description], CONVERT(varchar(40), [Unit_Price]) AS [Unit_Price], CONVERT(varchar(40), [Quantity]) AS [Quantity], CONVERT(varchar(40), [Revenue]) AS [Revenue] FROM [dbo].[CR_CHNG_REQ_REV_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [Line_Number];

-- CR_CHNG_REQ_REV_MC: next page
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255), @p5 int
SELECT TOP 1001 [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [Line_Number], [Billing_Group_Code], [Billing_Item_Code], [Billing_Item_Description], [Additional_Description], CONVERT(varchar(40), [Unit_Price]) AS [Unit_Price], CONVERT(varchar(40), [Quantity]) AS [Quantity], CONVERT(varchar(40), [Revenue]) AS [Revenue] FROM [dbo].[CR_CHNG_REQ_REV_MC] WHERE [Company_Code] = @p1 AND (([Job_Number] > @p2) OR ([Job_Number] = @p2 AND [Customer_Code] > @p3) OR ([Job_Number] = @p2 AND [Customer_Code] = @p3 AND [Change_Request_Number] > @p4) OR ([Job_Number] = @p2 AND [Customer_Code] = @p3 AND [Change_Request_Number] = @p4 AND [Line_Number] > @p5)) ORDER BY [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [Line_Number];

-- CR_CHNG_REQ_REV_MC: next page, every column filtered
-- params: @p1 varchar(255), @p2 varchar(255), @p3 varchar(255), @p4 varchar(255), @p5 int, @p6 varchar(255), @p7 varchar(255), @p8 varchar(255), @p9 varchar(255), @p10 varchar(255), @p11 varchar(255), @p12 varchar(255), @p13 varchar(255), @p14 varchar(255), @p15 varchar(255), @p16 int
SELECT TOP 1001 [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [Line_Number], [Billing_Group_Code], [Billing_Item_Code], [Billing_Item_Description], [Additional_Description], CONVERT(varchar(40), [Unit_Price]) AS [Unit_Price], CONVERT(varchar(40), [Quantity]) AS [Quantity], CONVERT(varchar(40), [Revenue]) AS [Revenue] FROM [dbo].[CR_CHNG_REQ_REV_MC] WHERE [Company_Code] = @p1 AND [Job_Number] = @p2 AND [Customer_Code] = @p3 AND [Change_Request_Number] = @p4 AND [Line_Number] = @p5 AND [Billing_Group_Code] = @p6 AND [Billing_Item_Code] = @p7 AND [Billing_Item_Description] = @p8 AND [Additional_Description] = @p9 AND [Unit_Price] = @p10 AND [Quantity] = @p11 AND [Revenue] = @p12 AND (([Job_Number] > @p13) OR ([Job_Number] = @p13 AND [Customer_Code] > @p14) OR ([Job_Number] = @p13 AND [Customer_Code] = @p14 AND [Change_Request_Number] > @p15) OR ([Job_Number] = @p13 AND [Customer_Code] = @p14 AND [Change_Request_Number] = @p15 AND [Line_Number] > @p16)) ORDER BY [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [Line_Number];

-- CR_CHNG_REQ_REV_MC: one-row probe (connection doctor)
-- params: @p1 varchar(255)
SELECT TOP 1 [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [Line_Number], [Billing_Group_Code], [Billing_Item_Code], [Billing_Item_Description], [Additional_Description], CONVERT(varchar(40), [Unit_Price]) AS [Unit_Price], CONVERT(varchar(40), [Quantity]) AS [Quantity], CONVERT(varchar(40), [Revenue]) AS [Revenue] FROM [dbo].[CR_CHNG_REQ_REV_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Job_Number], [Customer_Code], [Change_Request_Number], [Line_Number];

-- JC_TRANSACTION_HISTORY_MC: first page
-- params: @p1 varchar(255)
SELECT TOP 1001 [Company_Code], [Transaction_Number], [Job_Number], [Phase_Code], [Cost_Type], CONVERT(char(10), [Tran_Date], 23) AS [Tran_Date], [Tran_Type_Code], [Reference_1], [Reference_2], [Vendor_Code], [Invoice_Number], CONVERT(varchar(40), [Tran_Amount]) AS [Tran_Amount], CONVERT(varchar(40), [Total_Hours]) AS [Total_Hours], CONVERT(varchar(40), [Quantity]) AS [Quantity] FROM [dbo].[JC_TRANSACTION_HISTORY_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Transaction_Number];

-- JC_TRANSACTION_HISTORY_MC: next page
-- params: @p1 varchar(255), @p2 int
SELECT TOP 1001 [Company_Code], [Transaction_Number], [Job_Number], [Phase_Code], [Cost_Type], CONVERT(char(10), [Tran_Date], 23) AS [Tran_Date], [Tran_Type_Code], [Reference_1], [Reference_2], [Vendor_Code], [Invoice_Number], CONVERT(varchar(40), [Tran_Amount]) AS [Tran_Amount], CONVERT(varchar(40), [Total_Hours]) AS [Total_Hours], CONVERT(varchar(40), [Quantity]) AS [Quantity] FROM [dbo].[JC_TRANSACTION_HISTORY_MC] WHERE [Company_Code] = @p1 AND (([Transaction_Number] > @p2)) ORDER BY [Company_Code], [Transaction_Number];

-- JC_TRANSACTION_HISTORY_MC: next page, every column filtered
-- params: @p1 varchar(255), @p2 int, @p3 varchar(255), @p4 varchar(255), @p5 varchar(255), @p6 varchar(255), @p7 varchar(255), @p8 varchar(255), @p9 varchar(255), @p10 varchar(255), @p11 varchar(255), @p12 varchar(255), @p13 varchar(255), @p14 varchar(255), @p15 int
SELECT TOP 1001 [Company_Code], [Transaction_Number], [Job_Number], [Phase_Code], [Cost_Type], CONVERT(char(10), [Tran_Date], 23) AS [Tran_Date], [Tran_Type_Code], [Reference_1], [Reference_2], [Vendor_Code], [Invoice_Number], CONVERT(varchar(40), [Tran_Amount]) AS [Tran_Amount], CONVERT(varchar(40), [Total_Hours]) AS [Total_Hours], CONVERT(varchar(40), [Quantity]) AS [Quantity] FROM [dbo].[JC_TRANSACTION_HISTORY_MC] WHERE [Company_Code] = @p1 AND [Transaction_Number] = @p2 AND [Job_Number] = @p3 AND [Phase_Code] = @p4 AND [Cost_Type] = @p5 AND [Tran_Date] = @p6 AND [Tran_Type_Code] = @p7 AND [Reference_1] = @p8 AND [Reference_2] = @p9 AND [Vendor_Code] = @p10 AND [Invoice_Number] = @p11 AND [Tran_Amount] = @p12 AND [Total_Hours] = @p13 AND [Quantity] = @p14 AND (([Transaction_Number] > @p15)) ORDER BY [Company_Code], [Transaction_Number];

-- JC_TRANSACTION_HISTORY_MC: one-row probe (connection doctor)
-- params: @p1 varchar(255)
SELECT TOP 1 [Company_Code], [Transaction_Number], [Job_Number], [Phase_Code], [Cost_Type], CONVERT(char(10), [Tran_Date], 23) AS [Tran_Date], [Tran_Type_Code], [Reference_1], [Reference_2], [Vendor_Code], [Invoice_Number], CONVERT(varchar(40), [Tran_Amount]) AS [Tran_Amount], CONVERT(varchar(40), [Total_Hours]) AS [Total_Hours], CONVERT(varchar(40), [Quantity]) AS [Quantity] FROM [dbo].[JC_TRANSACTION_HISTORY_MC] WHERE [Company_Code] = @p1 ORDER BY [Company_Code], [Transaction_Number];
